import { refusalText } from './refusal-text';

// The page's sentences by code, each naming itself: what was chosen shows in the result.
const TEXTS: Record<string, string> = Object.fromEntries(
  [
    'InvitationInvalid',
    'InvitationRequired',
    'SurveyNotOpen',
    'WaveNotOpen',
    'SurveyNotFound',
    'TooManySubmissions',
    'PayloadTooLarge',
  ].map((code) => [code, `«${code}»`]),
);
const text = (status: number, code?: string) => refusalText(status, code, TEXTS, '«failed»');

describe('refusalText: what a respondent reads for a refused submission', () => {
  it('words a refused invitation code by its code, on the code’s field', () => {
    expect(text(403, 'InvitationInvalid')).toEqual({ text: '«InvitationInvalid»', onInvitation: true });
    expect(text(403, 'InvitationRequired')).toEqual({ text: '«InvitationRequired»', onInvitation: true });
  });

  it('words the other refusals by their code, whatever the status', () => {
    expect(text(409, 'WaveNotOpen')).toEqual({ text: '«WaveNotOpen»', onInvitation: false });
    expect(text(409, 'SurveyNotOpen').text).toBe('«SurveyNotOpen»');
    expect(text(404, 'SurveyNotFound').text).toBe('«SurveyNotFound»');
    expect(text(429, 'TooManySubmissions').text).toBe('«TooManySubmissions»');
  });

  it('reads a refusal without a known code (a proxy’s, an older server’s) by its status', () => {
    expect(text(413).text).toBe('«PayloadTooLarge»');
    expect(text(429, 'SomethingNew').text).toBe('«TooManySubmissions»');
    expect(text(409).text).toBe('«SurveyNotOpen»');
    expect(text(403)).toEqual({ text: '«failed»', onInvitation: false });
    expect(text(500, 'InternalError').text).toBe('«failed»');
    expect(text(502).text).toBe('«failed»');
  });

  it('never takes a code from the object’s prototype', () => {
    expect(text(400, 'constructor').text).toBe('«failed»');
    expect(text(400, 'toString').text).toBe('«failed»');
  });
});
