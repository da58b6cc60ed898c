import type { Command } from 'commander';

// Placeholder until this command group lands; it registers nothing.
export function registerNetworkCommands(_program: Command): void {}
