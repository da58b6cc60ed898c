import type { Command } from 'commander';

/** `quartier evaluation …` — registered by its owner's work in progress. */
export function registerEvaluationCommands(_program: Command): void {
  // filled in by the evaluation command work
}
