import type { AnswerIssueCode, Form, NetworkIssueCode } from '@quartier/survey-core/browser';

/**
 * What the served page hands the script as JSON (#q-definition), written by the survey service's
 * form page (libs/survey/api/src/public/form-page.ts).
 */
export interface Definition {
  surveyId: string;
  waveId: string;
  language: string;
  today: string;
  /**
   * The platform's time zone (QUARTIER_TIME_ZONE): whose day it is when `today` is missing. Absent
   * in pages served before it was added.
   */
  timeZone?: string;
  submitUrl: string;
  form: Form;
  texts: Texts;
  /**
   * The sentence for an answer refused with each issue code, in the respondent's language. (Pages
   * are never cached, so a page and the script it names are always of one release.)
   */
  issueTexts: IssueTexts;
  /** The sentence for a submission refused as a whole, by the server's error code. */
  refusalTexts: Readonly<Record<string, string>>;
  network?: NetworkDefinition;
}

/** The page's texts in the respondent's language, by key. */
export type Texts = Record<string, string>;

export type IssueTexts = Readonly<Record<AnswerIssueCode, string>>;

export interface NetworkDefinition {
  maxAlters: number;
  /** The sentence for a name generator answer refused with each issue code (`{n}`: maxAlters). */
  issueTexts: Readonly<Record<NetworkIssueCode, string>>;
  interpreters: { name: string; kind: string; min?: number; max?: number; required: boolean }[];
}

/** A message for the field whose DOM id ends in `id` (`q-<id>`, `e-<id>`). */
export type FieldIssue = { id: string; message: string };

export interface NetworkAnswer {
  respondentActorId: string;
  alters: { actorId?: string; newActor?: { name: string }; answers: Record<string, string | number> }[];
}

/** Answers as read from the form, before the core coerces them. */
export type Raw = Record<string, unknown>;
