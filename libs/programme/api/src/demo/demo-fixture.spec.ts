import { parseSelectionRule, summariseBudget } from '@quartier/programme-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProgrammeSchema } from '../programmes/programme.dto';

const fixture = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/quartiersmanagement-demo.json'), 'utf8'),
);

describe('the demo programme fixture', () => {
  it('is a valid programme with a valid selection rule', () => {
    const { budgetPerYear: _budget, ...programme } = fixture.programme;
    expect(createProgrammeSchema.safeParse(programme).success).toBe(true);
    expect(() => parseSelectionRule(fixture.rule)).not.toThrow();
  });

  it('commits no budget line beyond its yearly budget (the seeder approves without overrides)', () => {
    const years = [2024, 2025, 2026, 2027];
    const budget = years.flatMap((year) =>
      Object.entries(fixture.programme.budgetPerYear as Record<string, number>).map(([line, amount]) => ({
        year,
        line,
        amount,
      })),
    );
    const status = (steps: string[]) =>
      steps.includes('reject')
        ? 'rejected'
        : steps.includes('cancel')
          ? 'cancelled'
          : steps.includes('complete')
            ? 'completed'
            : steps.includes('start')
              ? 'running'
              : steps.includes('approve')
                ? 'approved'
                : 'proposed';
    const measures = fixture.measures.map(
      (m: { title: string; steps: string[]; budget: Record<string, number> }) => ({
        measureId: m.title,
        status: status(m.steps),
        budget: Object.entries(m.budget).map(([key, amount]) => ({
          year: Number(key.split('/')[0]),
          line: key.split('/')[1],
          amount,
        })),
      }),
    );
    const { cells } = summariseBudget(budget, measures);
    expect(cells.filter((c) => c.remaining < 0)).toEqual([]);
    expect(new Set(measures.map((m: { status: string }) => m.status))).toEqual(
      new Set(['proposed', 'approved', 'running', 'completed', 'rejected', 'cancelled']),
    );
  });
});
