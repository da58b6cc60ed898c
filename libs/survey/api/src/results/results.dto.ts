import { surveyResultsPublishedV1 } from '@quartier/contracts';
import { orNull } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

// Response schemas of the results routes (docs/adr/0007-generated-portal-clients.md): the
// interfaces of results.service.ts and the core's cells are what the service builds;
// survey-answers.dto.ts proves it answers exactly what these document.

/** 95 % interval, lower and upper bound. */
const interval = z.tuple([z.number(), z.number()]);
const suppression = z.enum(['primary', 'secondary']);

/** Named (one `SurveyRelease` component): answered alone and with the results. */
export const releaseViewSchema = z
  .object({
    releasedAt: orNull(z.string(), 'time of the last release; null: nothing released yet'),
    kind: z.enum(['threshold', 'owner', 'initial']).nullable(),
    /** Responses included in the results (all releases of the wave together). */
    releasedResponses: z.number().int(),
    /** Whether the owner may release the rest now (the wave has ended and responses wait). */
    ownerMayRelease: z.boolean(),
  })
  .meta({ id: 'SurveyRelease' });
export class ReleaseViewDto extends createZodDto(releaseViewSchema) {}

// A cell and an area group are named (`.meta({ id })`): one OpenAPI component each for the areas,
// the parents and the total.

/** A k-anonymous cell: suppressed cells carry no numbers at all. */
const resultCell = z
  .union([
    z.object({
      group: z.string(),
      /** primary: fewer than k respondents; secondary: withheld so no other cell reveals one. */
      suppressed: suppression,
    }),
    z.object({
      kind: z.literal('select'),
      group: z.string(),
      suppressed: z.null(),
      n: z.number().int(),
      /** Kish's effective sample size; equals n without weights. */
      nEffective: z.number(),
      options: z.array(
        z.object({ option: z.string(), count: z.number().int(), share: z.number(), ci: interval.nullable() }),
      ),
      /** Likert items: the two most favourable points together, and the mean score. */
      topTwoBox: z
        .object({
          /** Respondents who answered a point of the scale (off-scale answers excluded). */
          n: z.number().int(),
          count: z.number().int(),
          share: z.number().nullable(),
          ci: interval.nullable(),
          /** The two most favourable points, the most favourable last. */
          options: z.array(z.string()),
          direction: z.enum(['ascending', 'descending']),
          /** Mean score on the scale (`scale_value`s, numeric names, or positions 1 … m). */
          mean: z.number().nullable(),
        })
        .optional(),
    }),
    z.object({
      kind: z.literal('numeric'),
      group: z.string(),
      suppressed: z.null(),
      n: z.number().int(),
      nEffective: z.number(),
      mean: z.number(),
      median: z.number(),
      sd: z.number(),
      ci: interval.nullable(),
    }),
  ])
  .meta({ id: 'SurveyResultCell' });

const areaGroup = z
  .object({
    /** The area's code (the area question's choice). */
    key: z.string(),
    areaId: z.string(),
    name: z.string(),
    level: z.string(),
    /** The key of its group on the level above. */
    parentKey: z.string(),
    population: z.number().int().nullable(),
    /** Respondents in the area; null where that count is itself suppressed (fewer than k). */
    respondents: z.number().int().nullable(),
    responseRate: z.number().nullable(),
    suppressed: suppression.nullable(),
  })
  .meta({ id: 'SurveyResultAreaGroup' });

/** An indicator item's value in one group (no numbers where suppressed). */
const indicatorCell = z
  .union([
    z.object({ group: z.string(), suppressed: suppression }),
    z.object({
      group: z.string(),
      suppressed: z.null(),
      value: orNull(z.number(), 'no value of this measure here (no answer on the Likert scale, say)'),
      /** Respondents behind the value (for a top-2-box: those who answered on the scale). */
      n: z.number().int(),
      ci: interval.nullable(),
    }),
  ])
  .meta({ id: 'SurveyIndicatorCell' });

export const surveyResultsSchema = z.object({
  surveyId: z.uuid(),
  wave: z.object({ id: z.uuid(), name: z.string(), opensOn: z.iso.date(), closesOn: z.iso.date() }),
  k: z.number().int(),
  weighted: z.boolean(),
  /** The language of labels (the requested one, else the form's default). */
  language: z.string(),
  areas: z.array(areaGroup),
  parents: z.array(areaGroup),
  total: z.object({
    respondents: z.number().int().nullable(),
    responseRate: z.number().nullable(),
    suppressed: suppression.nullable(),
  }),
  questions: z.array(
    z.object({
      question: z.string(),
      label: z.string(),
      kind: z.enum(['select', 'numeric']),
      likert: z.boolean(),
      options: z.array(z.object({ name: z.string(), label: z.string() })),
      /** One cell per area (in `areas` order), per parent (in `parents` order), and the total. */
      areas: z.array(resultCell),
      parents: z.array(resultCell),
      total: resultCell,
    }),
  ),
  /**
   * The survey's indicator items as published to the indicator service: a `share` is the share
   * choosing any of its options (a respondent counts once), not the sum of the options' shares.
   */
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      question: z.string(),
      measure: z.enum(['share', 'topTwoBox', 'mean']),
      options: z.array(z.string()),
      /** One cell per area (in `areas` order), per parent (in `parents` order), and the total. */
      areas: z.array(indicatorCell),
      parents: z.array(indicatorCell),
      total: indicatorCell,
    }),
  ),
  /** Why some things are not shown: free text and rankings are never published. */
  notPublished: z.array(z.string()),
  /** The release these results show (results change only at release points). */
  release: releaseViewSchema.optional(),
});
export class SurveyResultsDto extends createZodDto(surveyResultsSchema) {}

/** A difference with its 95 % interval; null where an interval cannot be computed. */
const difference = z.object({ difference: z.number(), ci: interval }).nullable();
const cellRef = z.object({ wave: z.string(), area: z.string() });

export const resultsComparisonSchema = z.object({
  a: cellRef,
  b: cellRef,
  questions: z.array(
    z.union([
      z.object({ question: z.string(), suppressed: z.literal(true) }),
      z.object({ question: z.string(), suppressed: z.literal(false), mean: difference }),
      z.object({
        question: z.string(),
        suppressed: z.literal(false),
        options: z.array(z.object({ option: z.string(), difference })),
        topTwoBox: difference.optional(),
      }),
    ]),
  ),
});
export class ResultsComparisonDto extends createZodDto(resultsComparisonSchema) {}

/** What `survey.results.published` carried (the event's own schema). */
export class PublishedResultsDto extends createZodDto(surveyResultsPublishedV1) {}
