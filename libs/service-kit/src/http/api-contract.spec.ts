import type { z } from 'zod';
import type { MethodAnswersExactly } from './api-contract';

// The checks are types: a wrong verdict fails tsc on the assignments below.
type PointSchema = z.ZodObject<{ x: z.ZodNumber; label: z.ZodNullable<z.ZodString> }>;
interface PointService {
  point(): Promise<{ readonly x: number; readonly label: string | null }>;
  more(): Promise<{ x: number; label: string | null; extra: boolean }>;
  less(): { x: number };
}

describe('MethodAnswersExactly', () => {
  it('holds when the awaited answer and the schema document the same fields, readonly aside', () => {
    const same: MethodAnswersExactly<PointService['point'], PointSchema> = true;
    expect(same).toBe(true);
  });

  it('names the side that documents more', () => {
    const more: MethodAnswersExactly<PointService['more'], PointSchema> =
      'the service answers something its schema does not document (or with another type)';
    const less: MethodAnswersExactly<PointService['less'], PointSchema> =
      'the schema documents something the service does not answer (or with another type)';
    expect([more, less]).not.toContain(true);
  });
});
