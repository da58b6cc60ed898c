import type { Command } from 'commander';

// Placeholder until this command group lands; it registers nothing.
export function registerIndexCommands(_program: Command): void {}
