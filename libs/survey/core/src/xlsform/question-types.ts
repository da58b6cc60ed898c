// Question types as pyxform spells them, mapped to Quartier's; the types Quartier has no input for
// are refused with their name, uploads are read but never collected (see model.ts).
import {
  type FormIssueCause,
  type FormIssueCode,
  type FormIssueParams,
  formIssueCause,
} from '../form-issue-codes';
import type { QuestionType } from '../model';

const SIMPLE_TYPES: Readonly<Record<string, QuestionType>> = {
  text: 'text',
  string: 'text',
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  date: 'date',
  time: 'time',
  geopoint: 'geopoint',
  // ODK's old name, still in Ona's and Kobo's older forms.
  gps: 'geopoint',
  note: 'note',
  calculate: 'calculate',
  start: 'start',
  end: 'end',
  today: 'today',
  // Accepted as pyxform accepts them and kept with the form, but never collected (model.ts).
  image: 'image',
  audio: 'audio',
  video: 'video',
  file: 'file',
};
const LIST_TYPES = new Set(['select_one', 'select_multiple', 'rank', 'area']);
/**
 * ODK types Quartier refuses on import: device and account data do not belong in anonymous
 * surveys, and the rest have no input here. (Uploads are read and kept, but not collected.)
 */
const UNSUPPORTED_TYPES = new Set([
  'datetime',
  'barcode',
  'geotrace',
  'geoshape',
  'range',
  'acknowledge',
  'hidden',
  'deviceid',
  'subscriberid',
  'simserial',
  'phonenumber',
  'username',
  'email',
  'audit',
  'background-audio',
  'xml-external',
  'csv-external',
  'trigger',
  'start-geopoint',
  'select_one_from_file',
  'select_multiple_from_file',
]);

/** pyxform's long spellings of the list types, matched as written: pyxform is case-sensitive here. */
const LONG_LIST_SPELLINGS: readonly (readonly [string, QuestionType])[] = [
  ['select all that apply from', 'select_multiple'],
  ['select all that apply', 'select_multiple'],
  ['select one from', 'select_one'],
  ['add select one prompt using', 'select_one'],
  ['add select multiple prompt using', 'select_multiple'],
  ['select1', 'select_one'],
];

function longListSpelling(
  tokens: readonly string[],
): { type: QuestionType; rest: string[] } | 'miscased' | undefined {
  const text = tokens.join(' ');
  for (const [spelling, type] of LONG_LIST_SPELLINGS) {
    const words = spelling.split(' ').length;
    const start = tokens.slice(0, words).join(' ');
    if (start === spelling) return { type, rest: tokens.slice(words) };
    // pyxform refuses `Select one from x` ("Unknown question type"): so does Quartier.
    if (words > 2 && start.toLowerCase() === spelling && text !== start) return 'miscased';
  }
  return undefined;
}

/** pyxform's spellings of "add an other option" after the list name. */
const OR_OTHER = new Set(['or_other', 'or other', 'or specify other']);

export type ParsedType =
  | { kind: 'begin'; repeat: boolean }
  | { kind: 'end'; repeat: boolean }
  /** `orOther`: pyxform's `or_other` — an "other" choice and a text question for it are added. */
  | { kind: 'question'; type: QuestionType; listName?: string; orOther?: boolean }
  | { kind: 'error'; cause: FormIssueCause };

export function parseQuestionType(raw: string): ParsedType {
  const tokens = raw.trim().split(/\s+/);
  const head = tokens[0].toLowerCase();
  const lowered = tokens.map((t) => t.toLowerCase());
  if (
    (head === 'begin' || head === 'end') &&
    tokens.length === 2 &&
    (lowered[1] === 'group' || lowered[1] === 'repeat')
  ) {
    return head === 'begin'
      ? { kind: 'begin', repeat: lowered[1] === 'repeat' }
      : { kind: 'end', repeat: lowered[1] === 'repeat' };
  }
  const underscored = /^(begin|end)_(group|repeat)$/.exec(head);
  if (underscored && tokens.length === 1) {
    const repeat = underscored[2] === 'repeat';
    return underscored[1] === 'begin' ? { kind: 'begin', repeat } : { kind: 'end', repeat };
  }
  let type = head;
  let rest = tokens.slice(1);
  const long = longListSpelling(tokens);
  if (long === 'miscased') return typeError('type-unknown', { type: raw.trim() });
  if (long) {
    type = long.type;
    rest = long.rest;
  } else if (head === 'select' && (lowered[1] === 'one' || lowered[1] === 'multiple')) {
    type = `select_${lowered[1]}`;
    rest = tokens.slice(2);
  }
  if (LIST_TYPES.has(type)) {
    if (rest.length === 0) return typeError('type-list-missing', { type });
    if (rest.length > 1) {
      const suffix = rest.slice(1).join(' ').toLowerCase();
      if (OR_OTHER.has(suffix)) {
        if (type !== 'select_one' && type !== 'select_multiple')
          return typeError('or-other-misplaced', { type });
        return { kind: 'question', type: type as QuestionType, listName: rest[0], orOther: true };
      }
      return typeError('type-extra-after-list', { text: rest.slice(1).join(' ') });
    }
    return { kind: 'question', type: type as QuestionType, listName: rest[0] };
  }
  const simple = SIMPLE_TYPES[type];
  if (simple) {
    if (rest.length > 0) return typeError('type-extra', { text: rest.join(' '), type });
    return { kind: 'question', type: simple };
  }
  if (UNSUPPORTED_TYPES.has(type)) return typeError('type-unsupported', { type });
  return typeError('type-unknown', { type: raw.trim() });
}

function typeError(code: FormIssueCode, params: FormIssueParams): ParsedType {
  return { kind: 'error', cause: formIssueCause(code, params) };
}
