import { labelText } from '@quartier/contracts';
// The questionnaire model (`Form` of @quartier/survey-core) as a zod schema, so the portal's form
// builder can PUT the model as JSON and get field-level 400s for shape errors; semantic checks
// (names, expressions, lists) follow with the core's `validateFormModel`.
import type { ChoiceList, Form, FormNode, Group, Question } from '@quartier/survey-core';
import { z } from 'zod';

const labels = z.record(z.string().min(1).max(35), labelText(5000));
const expression = z.string().max(4000);
const strings = z.record(z.string(), z.string().max(5000));

const questionBase = {
  kind: z.literal('question'),
  name: z.string().max(200),
  label: labels.default({}),
  hint: labels.default({}),
  required: z.union([z.boolean(), expression]).default(false),
  requiredMessage: labels.default({}),
  relevant: expression.optional(),
  constraint: expression.optional(),
  constraintMessage: labels.default({}),
  calculation: expression.optional(),
  appearance: z.string().max(200).optional(),
  defaultValue: z.string().max(1000).optional(),
  readOnly: z.boolean().default(false),
  parameters: z.string().max(1000).optional(),
  extra: strings.default({}),
};

const listQuestion = { listName: z.string().max(200), choiceFilter: expression.optional() };

const questionSchema = z.discriminatedUnion('type', [
  z.object({
    ...questionBase,
    type: z.enum([
      'text',
      'integer',
      'decimal',
      'date',
      'time',
      'geopoint',
      'start',
      'end',
      'today',
      'note',
      // Uploads: kept with the form, never collected (a survey with one is not opened).
      'image',
      'audio',
      'video',
      'file',
    ]),
  }),
  z.object({ ...questionBase, type: z.literal('calculate'), calculation: expression }),
  z.object({
    ...questionBase,
    ...listQuestion,
    type: z.literal('select_one'),
    likert: z.boolean().default(false),
    scaleDirection: z.enum(['ascending', 'descending']).optional(),
  }),
  z.object({ ...questionBase, ...listQuestion, type: z.literal('select_multiple') }),
  z.object({ ...questionBase, ...listQuestion, type: z.literal('rank') }),
  z.object({
    ...questionBase,
    ...listQuestion,
    type: z.literal('area'),
    method: z.enum(['choice', 'postcode', 'point']).default('choice'),
  }),
]);

const groupSchema: z.ZodType<Group> = z.lazy(() =>
  z.object({
    kind: z.literal('group'),
    repeat: z.boolean().default(false),
    name: z.string().max(200),
    label: labels.default({}),
    relevant: expression.optional(),
    appearance: z.string().max(200).optional(),
    repeatCount: expression.optional(),
    extra: strings.default({}),
    children: z.array(nodeSchema).max(2000),
  }),
) as z.ZodType<Group>;

// Named, so the OpenAPI document has one `FormNode` schema (the portal's form builder types its
// tree with it) instead of an anonymous copy per DTO.
const nodeSchema: z.ZodType<FormNode> = z
  .lazy(() => z.union([questionSchema as z.ZodType<Question>, groupSchema]))
  .meta({ id: 'FormNode' });

const choiceListSchema: z.ZodType<ChoiceList> = z.object({
  name: z.string().max(200),
  choices: z
    .array(
      z.object({ name: z.string().max(200), label: labels.default({}), properties: strings.default({}) }),
    )
    .max(5000),
});

// Named too (one `SurveyForm` component): new surveys, form changes, the form and the public form.
export const formSchema: z.ZodType<Form> = z
  .object({
    settings: z.object({
      formId: z.string().max(200),
      title: z.string().max(500).optional(),
      version: z.string().max(100).optional(),
      defaultLanguage: z.string().min(1).max(35).default('de'),
      extra: strings.default({}),
    }),
    children: z.array(nodeSchema).max(2000),
    choiceLists: z.array(choiceListSchema).max(500),
  })
  .meta({ id: 'SurveyForm' }) as z.ZodType<Form>;
