// Where a command's result goes: the --out file or standard output. node:fs loads on first use,
// so `quartier --help` stays fast.
import type { Writable } from 'node:stream';
import { CliError } from './cli-error';

/** Writes a result file; a path that cannot be written is the user's to fix, so the error names it. */
export async function writeResultFile(path: string, text: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/**
 * The result to the --out file (then "`summary` → file" on stderr, when given) or to standard
 * output, where a closed pipe (`… | head`) is the reader's choice, not a failure.
 */
export async function emitResult(
  text: string,
  out: string | undefined,
  stdout: Writable,
  summary?: string,
): Promise<void> {
  if (out) {
    await writeResultFile(out, text);
    if (summary !== undefined) process.stderr.write(`${summary} → ${out}\n`);
    return;
  }
  await new Promise<void>((resolve, reject) =>
    stdout.write(text, (error) =>
      error && (error as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(error) : resolve(),
    ),
  );
}
