import type { BindingForm } from '../impact-form';
import type { ProgrammeTextKey } from '../texts';

type BindingKey = Exclude<keyof BindingForm, 'id'>;

/** One control of an evidence binding's form. */
export interface BindingField {
  readonly key: BindingKey;
  /** The control's id is `b-<id>-<binding id>`, as the form has always named it. */
  readonly id: string;
  /** The label's text; a select's options read `<label>.<value>`. */
  readonly label: ProgrammeTextKey;
  /** A select's values, in the order offered; an input where there are none. */
  readonly options?: readonly string[];
  readonly type?: 'date';
  readonly inputmode?: 'decimal';
}

/** A field whose label is the text of the same name. */
const field = (key: BindingKey & ProgrammeTextKey, id: string): BindingField => ({ key, id, label: key });

const LABEL: BindingField = { key: 'label', id: 'label', label: 'bindingLabel' };
const KIND: BindingField = {
  key: 'kind',
  id: 'kind',
  label: 'source',
  options: ['indicator', 'survey', 'network'],
};
const SURVEY_MEASURE: BindingField = { ...field('surveyMeasure', 'measure'), options: ['mean', 'share'] };
const BY_SOURCE: Readonly<Record<BindingForm['kind'], readonly BindingField[]>> = {
  indicator: [field('indicatorCode', 'ind')],
  survey: [field('surveyId', 'survey'), field('question', 'question'), SURVEY_MEASURE],
  network: [field('networkId', 'network'), field('metric', 'metric')],
};
const OPTIONS = field('options', 'options');

/** The first row: the binding's name, its source and what is read from that source. */
export function sourceFields(binding: BindingForm): readonly BindingField[] {
  const answers = binding.kind === 'survey' && binding.surveyMeasure === 'share' ? [OPTIONS] : [];
  return [LABEL, KIND, ...BY_SOURCE[binding.kind], ...answers];
}

/** The second row: baseline and target, and which way is better. */
export const TARGET_FIELDS: readonly BindingField[] = [
  { ...field('baselineValue', 'bv'), inputmode: 'decimal' },
  field('baselinePeriod', 'bp'),
  { ...field('targetValue', 'tv'), inputmode: 'decimal' },
  { ...field('targetDate', 'td'), type: 'date' },
  { ...field('polarity', 'pol'), options: ['higher-is-better', 'lower-is-better'] },
];
