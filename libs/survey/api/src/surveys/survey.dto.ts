import {
  labelText,
  nameText,
  SURVEY_INDICATOR_CODE,
  SURVEY_K,
  WAVE_NAME_MAX_LENGTH,
} from '@quartier/contracts';
import { apiErrorSchema, orNull, pageOf, pageQueryFields, patchBody } from '@quartier/service-kit';
import { FORM_ISSUE_CODES } from '@quartier/survey-core';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { FORM_CHANGE_CODES } from '../forms/form-rules';
import { SETTING_PROBLEM_CODES } from '../forms/form-settings';
import { formSchema } from '../forms/form.schema';
import { spreadsheetProblemsSchema } from '../spreadsheet-problems.dto';

const isoDate = z.iso.date();
const labels = z.record(z.string().min(1).max(35), labelText(2000));

/** A survey item published as an indicator of each area (via `survey.results.published`). */
export const indicatorItemSchema = z
  .object({
    /** Indicator code the indicator service will file the values under. */
    code: z.string().regex(SURVEY_INDICATOR_CODE, 'code: lowercase letters, digits, _ . -'),
    name: nameText(),
    question: z.string().min(1).max(200),
    /** `share`: share of respondents choosing one of `options`; `topTwoBox`: Likert items; `mean`: numeric items. */
    measure: z.enum(['share', 'topTwoBox', 'mean']),
    options: z.array(z.string().min(1)).max(50).default([]),
  })
  .refine((item) => item.measure !== 'share' || item.options.length > 0, {
    message: 'a share needs at least one option',
    path: ['options'],
  });
export type IndicatorItem = z.infer<typeof indicatorItemSchema>;

/**
 * Name generator and interpreters of a network survey, plus the area's actor list to choose from.
 * Named (one `NetworkSurveyConfig` component): the change, the survey and the public form share it.
 */
export const networkConfigSchema = z
  .object({
    generator: z.object({
      name: z.string().min(1).max(100),
      prompt: labels,
      allowNewActors: z.boolean().default(true),
      maxAlters: z.number().int().min(1).max(200).default(30),
    }),
    interpreters: z
      .array(
        z.discriminatedUnion('kind', [
          z.object({
            name: z.string().min(1).max(100),
            label: labels,
            kind: z.literal('select_one'),
            options: z
              .array(z.object({ name: z.string().min(1).max(100), label: labels }))
              .min(1)
              .max(50),
            required: z.boolean().default(false),
          }),
          z.object({
            name: z.string().min(1).max(100),
            label: labels,
            kind: z.literal('integer'),
            min: z.number().int(),
            max: z.number().int(),
            required: z.boolean().default(false),
          }),
        ]),
      )
      .max(20),
    /**
     * The actors respondents choose from. The network service publishes no actor events yet, so
     * the list travels with the survey (imported by the survey's author) instead of a cross-service read.
     */
    actors: z
      .array(
        z.object({
          id: z.string().min(1).max(100),
          name: nameText(),
          type: z.string().min(1).max(100).optional(),
        }),
      )
      .max(5000),
  })
  .meta({ id: 'NetworkSurveyConfig' });
export type NetworkConfig = z.infer<typeof networkConfigSchema>;

/** Post-stratification to each area's population by one question's cells (e.g. age group × sex). */
export const weightingSchema = z.object({
  question: z.string().min(1).max(200),
  /** Area key (the area code) → cell (option of `question`) → population count. */
  population: z.record(z.string().min(1), z.record(z.string().min(1), z.number().int().min(0))),
});
export type Weighting = z.infer<typeof weightingSchema>;

export const createSurveySchema = z
  .object({
    title: nameText(),
    type: z.enum(['resident', 'network']).default('resident'),
    scopeAreaId: z.uuid(),
    k: z.number().int().min(SURVEY_K.min).max(SURVEY_K.max).default(SURVEY_K.default),
    form: formSchema.optional(),
  })
  .strict();
export class CreateSurveyDto extends createZodDto(createSurveySchema) {}

export const updateSurveySchema = patchBody({
  title: nameText().optional(),
  k: z.number().int().min(SURVEY_K.min).max(SURVEY_K.max).optional(),
  indicatorItems: z.array(indicatorItemSchema).max(100).optional(),
  network: networkConfigSchema.nullable().optional(),
  weighting: weightingSchema.nullable().optional(),
});
export class UpdateSurveyDto extends createZodDto(updateSurveySchema) {}

export const putFormSchema = z.object({ form: formSchema }).strict();
export class PutFormDto extends createZodDto(putFormSchema) {}

export const statusSchema = z.object({ status: z.enum(['draft', 'open', 'closed']) }).strict();
export class StatusDto extends createZodDto(statusSchema) {}

export const targetAreasSchema = z
  .object({
    areas: z
      .array(z.object({ areaId: z.uuid(), population: z.number().int().min(0).nullable().optional() }))
      .min(1)
      .max(5000),
  })
  .strict();
export class TargetAreasDto extends createZodDto(targetAreasSchema) {}

const waveBase = z.object({
  name: nameText(WAVE_NAME_MAX_LENGTH),
  opensOn: isoDate,
  closesOn: isoDate,
  invitationOnly: z.boolean().default(false),
});
const inOrder = (w: { opensOn: string; closesOn: string }) => w.closesOn >= w.opensOn;
const outOfOrder = { message: 'closesOn must not be before opensOn', path: ['closesOn'] };
export const createWaveSchema = waveBase.strict().refine(inOrder, outOfOrder);
/**
 * A wave's period as createWaveSchema orders it: a PATCH's dates are checked against it once merged
 * with the stored ones, so an edit is refused as a create is (400 ValidationFailed naming closesOn).
 */
export const wavePeriodSchema = waveBase.pick({ opensOn: true, closesOn: true }).refine(inOrder, outOfOrder);
export class CreateWaveDto extends createZodDto(createWaveSchema) {}
export const updateWaveSchema = waveBase.partial().strict();
export class UpdateWaveDto extends createZodDto(updateWaveSchema) {}

export const invitationsSchema = z.object({ count: z.number().int().min(1).max(10000) }).strict();
export class InvitationsDto extends createZodDto(invitationsSchema) {}

export const candidateAreasSchema = z.object({ level: z.string().min(1).max(50).optional() });
export class CandidateAreasDto extends createZodDto(candidateAreasSchema) {}

export const listSurveysSchema = z.object({
  status: z.enum(['draft', 'open', 'closed']).optional(),
  /** Only surveys covering this area: a target area that is it, lies within it or contains it. */
  area: z.uuid().optional(),
  ...pageQueryFields({ max: 200, default: 50 }),
});
export class ListSurveysDto extends createZodDto(listSurveysSchema) {}

export interface TargetAreaView {
  areaId: string;
  key: string;
  name: string;
  level: string;
  parentId: string | null;
  /** Population used for response rates: the survey's override, else the registry's figure. */
  population: number | null;
}

export interface WaveView {
  id: string;
  name: string;
  opensOn: string;
  closesOn: string;
  invitationOnly: boolean;
  resultsPublishedOn: string | null;
  responses: number;
}

export interface SurveySummary {
  id: string;
  title: string;
  type: 'resident' | 'network';
  status: 'draft' | 'open' | 'closed';
  k: number;
  scopeAreaId: string;
  formVersion: number;
  updatedAt: string;
  editable: boolean;
}

export interface SurveyDetail extends SurveySummary {
  formTitle: string | null;
  areaQuestion: string | null;
  indicatorItems: IndicatorItem[];
  network: NetworkConfig | null;
  weighting: { question: string; areas: number } | null;
  targetAreas: TargetAreaView[];
  waves: WaveView[];
}

/** Coordinates of all geometries together: bounds the work of every point-in-polygon test. */
export const MAX_GEOMETRY_POSITIONS = 200_000;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const ring = z.array(position).min(4);
const areaGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
export type AreaGeometry = z.infer<typeof areaGeometrySchema>;

/**
 * The target areas' boundaries as the registry's `/areas/geojson` returns them: feature id (or
 * `properties.id`) = area id. Other properties are ignored and not stored.
 */
export const areaGeometriesSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z
        .object({
          type: z.literal('Feature'),
          id: z.uuid().optional(),
          properties: z.object({ id: z.uuid().optional() }).loose().nullable().optional(),
          geometry: areaGeometrySchema,
        })
        .refine((f) => (f.id ?? f.properties?.id) !== undefined, {
          message: 'a feature needs the area id as its id',
          path: ['id'],
        }),
    )
    .min(1)
    .max(5000),
});
export class AreaGeometriesDto extends createZodDto(areaGeometriesSchema) {}

/**
 * `append` adds to (or replaces single areas of) what is stored: a city's boundaries exceed one
 * request body (1 MB), so the portal sends them in parts, the first with `replace`.
 */
export const areaGeometriesQuerySchema = z.object({ mode: z.enum(['replace', 'append']).default('replace') });
export class AreaGeometriesQueryDto extends createZodDto(areaGeometriesQuerySchema) {}

// Response schemas (docs/adr/0007-generated-portal-clients.md): the interfaces above are what the
// service builds; survey-answers.dto.ts proves it answers exactly what these document.

const surveyStatus = z.enum(['draft', 'open', 'closed']);

export const surveySummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  type: z.enum(['resident', 'network']),
  status: surveyStatus,
  /** Minimum respondents per published cell. */
  k: z.number().int(),
  scopeAreaId: z.uuid(),
  /** 0 = no form yet. */
  formVersion: z.number().int(),
  updatedAt: z.string(),
  /** The caller may change it. */
  editable: z.boolean(),
});

export const surveyListSchema = pageOf(surveySummarySchema);
export class SurveyListDto extends createZodDto(surveyListSchema) {}

const targetAreaView = z.object({
  areaId: z.uuid(),
  /** The area's code: the name of its choice in the area question. */
  key: z.string(),
  name: z.string(),
  level: z.string(),
  parentId: z.uuid().nullable(),
  /** Population used for response rates: the survey's override, else the registry's figure. */
  population: z.number().int().nullable(),
});

/** A wave as answered alone and in the survey's detail (one `SurveyWave` component). */
export const waveViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    opensOn: z.iso.date(),
    closesOn: z.iso.date(),
    invitationOnly: z.boolean(),
    resultsPublishedOn: orNull(z.iso.date(), 'null: indicator items not published yet'),
    responses: z.number().int(),
  })
  .meta({ id: 'SurveyWave' });
export class WaveViewDto extends createZodDto(waveViewSchema) {}

export const surveyDetailSchema = surveySummarySchema.extend({
  formTitle: orNull(z.string(), 'null: no form or a form without title'),
  /** The question that assigns respondents to target areas; null: the form has none. */
  areaQuestion: orNull(z.string(), 'null: the form has no area question'),
  indicatorItems: z.array(indicatorItemSchema),
  network: networkConfigSchema.nullable(),
  weighting: z
    .object({
      question: z.string(),
      /** Target areas with population figures (figures for other areas weight nobody). */
      areas: z.number().int(),
    })
    .nullable(),
  targetAreas: z.array(targetAreaView),
  waves: z.array(waveViewSchema),
});
export class SurveyDetailDto extends createZodDto(surveyDetailSchema) {}

export const surveyFormSchema = z.object({ version: z.number().int(), form: formSchema });
export class SurveyFormDto extends createZodDto(surveyFormSchema) {}

export const formCheckSchema = z.object({
  valid: z.boolean(),
  issues: z.array(
    z.object({
      /** `question <name>`, `group <name>`, `list <name>`, `choice <name> of list <list>` or `settings`. */
      target: z.string(),
      field: z.string(),
      /** English; `code` and `params` say the same for translations. */
      reason: z.string(),
      code: z.enum(FORM_ISSUE_CODES),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      /** A warning leaves the form valid (stored, and a survey with it may be opened). */
      severity: z.enum(['error', 'warning']),
    }),
  ),
});
export class FormCheckDto extends createZodDto(formCheckSchema) {}

/**
 * The 422 of an XLSForm upload (nothing stored). InvalidForm: every error located as the
 * spreadsheet shows it; InvalidWorkbook (not a readable .xlsx) comes without details.
 */
export const xlsFormProblemsSchema = spreadsheetProblemsSchema({
  codes: FORM_ISSUE_CODES,
  locatedBy: { sheet: z.enum(['survey', 'choices', 'settings']) },
  alongside: {
    /** Each issue as one English line (`survey row 3, column type: …`), as the CLI prints it. */
    lines: z.array(z.string()),
  },
});
export class XlsFormProblemsDto extends createZodDto(xlsFormProblemsSchema) {}

/**
 * The 409 of a form change that would break stored answers (IncompatibleFormChange, nothing
 * stored); other 409s (a survey that cannot be edited) come without details.
 */
export const formChangeConflictSchema = apiErrorSchema.extend({
  details: z
    .object({
      /** Each change in English, as before `changes` was added. */
      reasons: z.array(z.string()),
      changes: z.array(
        z.object({
          /** What breaks stored answers, stable: the portal words it by this. */
          code: z.enum(FORM_CHANGE_CODES),
          /** `question` (its path, `kinder/alter` inside repeats), and `from`/`to` or `options`. */
          params: z.record(z.string(), z.string()),
          /** The same in English. */
          reason: z.string(),
        }),
      ),
    })
    .optional(),
});
export class FormChangeConflictDto extends createZodDto(formChangeConflictSchema) {}

/**
 * The 422 of a form version that no longer serves the survey's indicator items or weighting
 * (FormBreaksSettings, nothing stored); InvalidFormModel's details are the model's issues.
 */
export const formSettingsConflictSchema = apiErrorSchema.extend({
  details: z
    .object({
      /** Each problem in English, led by the setting's field. */
      reasons: z.array(z.string()),
      settings: z.array(
        z.object({
          /** The setting the form no longer serves: `indicatorItems.2.question`, `weighting.question`, … */
          field: z.string(),
          /** Why, stable: the portal words it by this. */
          code: z.enum(SETTING_PROBLEM_CODES),
          /** `question`; `indicator` (the item's code) for an indicator item; `options`, `repeat` or `type`. */
          params: z.record(z.string(), z.string()),
          /** The same in English. */
          reason: z.string(),
        }),
      ),
    })
    .optional(),
});
export class FormSettingsConflictDto extends createZodDto(formSettingsConflictSchema) {}

export const candidateAreaListSchema = z.array(
  z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    level: z.string(),
    parentId: z.uuid().nullable(),
    population: z.number().int().nullable(),
  }),
);
export class CandidateAreaListDto extends createZodDto(candidateAreaListSchema) {}

export const areaGeometriesResultSchema = z.object({
  /** Target areas with a stored boundary. */
  areas: z.number().int(),
  /** Codes of target areas without one. */
  missing: z.array(z.string()),
});
export class AreaGeometriesResultDto extends createZodDto(areaGeometriesResultSchema) {}

const surveyLink = { url: z.string(), qrSvg: z.string() };
export const surveyLinksSchema = z.object({
  survey: z.object(surveyLink),
  areas: z.array(z.object({ areaId: z.uuid(), key: z.string(), name: z.string(), ...surveyLink })),
});
export class SurveyLinksDto extends createZodDto(surveyLinksSchema) {}

/** Shown once: only their hashes are stored. */
export const invitationCodesSchema = z.object({ codes: z.array(z.string()) });
export class InvitationCodesDto extends createZodDto(invitationCodesSchema) {}
