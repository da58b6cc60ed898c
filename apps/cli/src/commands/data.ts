import type { Command } from 'commander';

/** `quartier data …` — registered by its owner's work in progress. */
export function registerDataCommands(_program: Command): void {
  // filled in by the data command work
}
