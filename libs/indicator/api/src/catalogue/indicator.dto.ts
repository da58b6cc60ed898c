import { nameText } from '@quartier/contracts';
import { FormulaSyntaxError, parseFormula } from '@quartier/indicator-core';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const INDICATOR_CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
export const UNITS = ['%', '‰', 'count', '€', 'index', 'ratio', 'years'] as const;

/** Default multiplier of numerator / denominator by unit: percent 100, per mille 1000. */
export function defaultScale(unit: (typeof UNITS)[number]): number {
  return unit === '%' ? 100 : unit === '‰' ? 1000 : 1;
}

const elementCode = z.string().regex(/^[\p{L}\p{N}_.-]{1,100}$/u, 'data element: letters, digits, _ . -');

/** Everything of a definition that can change; each change becomes a new version. */
const indicatorContentShape = z.object({
  name: z.object({
    de: nameText(),
    en: nameText().optional(),
  }),
  description: z.string().max(4000).default(''),
  unit: z.enum(UNITS),
  /** Whether a higher value means a better or a worse situation (maps and rankings use it). */
  polarity: z.enum(['higher-is-better', 'higher-is-worse', 'neutral']),
  numerator: elementCode.optional(),
  denominator: elementCode.optional(),
  /** DHIS2-style formula over data elements, e.g. `100 * #{unemployed} / #{residents_15_65}`. */
  formula: z.string().trim().min(1).max(2000).optional(),
  /** Plausible value range for data-quality checks (a share within 0–100, a count ≥ 0). */
  plausible: z
    .object({ min: z.number().finite().optional(), max: z.number().finite().optional() })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
      message: 'plausible.min must not exceed plausible.max',
    })
    .optional(),
  /** numerator / denominator × scale = value; defaults by unit (% → 100). */
  scale: z.number().positive().optional(),
  source: z.string().max(500).default(''),
  periodicity: z.enum(['year', 'half-year', 'quarter', 'month', 'week', 'reference-date', 'irregular']),
  /** Wirkungstreppe step 1–7 the indicator evidences. */
  impactStep: z.number().int().min(1).max(7).nullable().default(null),
  /** Publication rule: cells with fewer counts are suppressed (primary + secondary). */
  confidentiality: z
    .object({
      minNumerator: z.number().int().min(0).max(1_000_000),
      minDenominator: z.number().int().min(0).max(1_000_000).default(0),
    })
    .nullable()
    .default(null),
});

// Named (one `IndicatorContent` component): the bodies of new indicators and of changes share it.
export const indicatorContentSchema = indicatorContentShape
  .superRefine((body, ctx) => {
    if (body.formula !== undefined) {
      if (body.numerator !== undefined || body.denominator !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['formula'],
          message: 'give either a formula or numerator/denominator, not both',
        });
      try {
        parseFormula(body.formula);
      } catch (error) {
        if (!(error instanceof FormulaSyntaxError)) throw error;
        ctx.addIssue({ code: 'custom', path: ['formula'], message: error.message });
      }
    }
    if ((body.numerator === undefined) !== (body.denominator === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [body.numerator === undefined ? 'numerator' : 'denominator'],
        message: 'numerator and denominator go together',
      });
  })
  .meta({ id: 'IndicatorContent' });

export const createIndicatorSchema = z.intersection(
  z.object({
    code: z.string().regex(INDICATOR_CODE, 'code: a letter, then letters, digits, _ . - (max 64)'),
  }),
  indicatorContentSchema,
);

export class CreateIndicatorDto extends createZodDto(createIndicatorSchema) {}
export class UpdateIndicatorDto extends createZodDto(indicatorContentSchema) {}

export const listIndicatorsQuerySchema = z.object({
  source: z.enum(['manual', 'network']).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export class ListIndicatorsQueryDto extends createZodDto(listIndicatorsQuerySchema) {}

export type IndicatorContent = z.infer<typeof indicatorContentSchema>;

export interface IndicatorView extends IndicatorContent {
  id: string;
  code: string;
  version: number;
  /** The effective multiplier (scale, or the unit's default). */
  effectiveScale: number;
  sourceKind: 'manual' | 'network';
  /** Data elements the formula (or numerator/denominator) refers to. */
  elements: string[];
  createdBy: string;
  updatedAt: string;
}

// Response schema (docs/adr/0007-generated-portal-clients.md); indicator-answers.dto.ts proves
// the service answers exactly what it documents.
export const indicatorViewSchema = indicatorContentShape.extend({
  id: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  /** The effective multiplier (scale, or the unit's default). */
  effectiveScale: z.number(),
  sourceKind: z.enum(['manual', 'network']),
  /** Data elements the formula (or numerator/denominator) refers to. */
  elements: z.array(z.string()),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export class IndicatorViewDto extends createZodDto(indicatorViewSchema) {}
