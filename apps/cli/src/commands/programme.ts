import type { Command } from 'commander';

/** `quartier programme …` — registered by its owner's work in progress. */
export function registerProgrammeCommands(_program: Command): void {
  // filled in by the programme command work
}
