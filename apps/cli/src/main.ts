#!/usr/bin/env node
// The `quartier` command line. Offline analysis commands run over the pure core libraries;
// platform commands (token, seed, migrate) talk to a running or configured platform.
// Each command module registers itself lazily so `quartier --help` stays well under a second.
import { Command, CommanderError } from 'commander';
import { registerPlatformCommands } from './commands/platform';
import { registerIndexCommands } from './commands/index-compute';
import { registerIndicatorCommands } from './commands/indicator-convert';
import { registerNetworkCommands } from './commands/network';
import { registerSurveyCommands } from './commands/survey';
import { registerProgrammeCommands } from './commands/programme';
import { registerEvaluationCommands } from './commands/evaluation';
import { registerDataCommands } from './commands/data';
import { registerReportCommands } from './commands/report';
import { CliError } from './cli-error';

export function buildProgram(): Command {
  const program = new Command('quartier')
    .description('Quartier: social-space monitoring, networks and surveys from the command line')
    .showHelpAfterError()
    .exitOverride();
  registerPlatformCommands(program);
  registerIndexCommands(program);
  registerIndicatorCommands(program);
  registerNetworkCommands(program);
  registerSurveyCommands(program);
  registerProgrammeCommands(program);
  registerEvaluationCommands(program);
  registerDataCommands(program);
  registerReportCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
