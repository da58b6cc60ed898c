/** The OverCommitment refusal's details (programme-core's assertCommitment), one entry per cell. */
export interface OverCommitmentCell {
  readonly line: string;
  readonly year: number;
  readonly budget: number;
  readonly committed: number;
  readonly excess: number;
}

/** Reads `{ lines, years, budgets, commitments, excesses }`; null for any other error. */
export function overCommitmentCells(error: {
  code: string | null;
  details: unknown;
}): OverCommitmentCell[] | null {
  if (error.code !== 'OverCommitment' || typeof error.details !== 'object' || error.details === null)
    return null;
  const d = error.details as Record<string, unknown>;
  const list = (key: string): unknown[] => (Array.isArray(d[key]) ? (d[key] as unknown[]) : []);
  const lines = list('lines');
  return lines.map((line, i) => ({
    line: String(line),
    year: Number(list('years')[i]),
    budget: Number(list('budgets')[i]),
    committed: Number(list('commitments')[i]),
    excess: Number(list('excesses')[i]),
  }));
}
