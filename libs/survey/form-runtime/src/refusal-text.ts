// What a respondent reads when the server refuses a submission as a whole (an invitation code, a
// closed wave, too many submissions …): chosen by the answer's error code, never its English
// message. A refusal without a code of ours (a proxy's 429 or 413, a page left open across a
// release) is read by its status; anything else is the page's "did not work, try again".

/** Refusals that concern the invitation code: shown on its field, where the respondent corrects it. */
const INVITATION_CODES: readonly string[] = ['InvitationInvalid', 'InvitationRequired'];

/** The code a bare status stands for. */
const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  404: 'SurveyNotFound',
  409: 'SurveyNotOpen',
  413: 'PayloadTooLarge',
  429: 'TooManySubmissions',
};

export interface Refusal {
  readonly text: string;
  /** Whether it belongs on the invitation code's field. */
  readonly onInvitation: boolean;
}

export function refusalText(
  status: number,
  code: string | undefined,
  refusalTexts: Readonly<Record<string, string>>,
  failed: string,
): Refusal {
  const known = code !== undefined && Object.hasOwn(refusalTexts, code) ? code : CODE_OF_STATUS[status];
  return {
    text: (known !== undefined ? refusalTexts[known] : undefined) ?? failed,
    onInvitation: known !== undefined && INVITATION_CODES.includes(known),
  };
}
