import { NETWORK_ISSUE_CODES, type NetworkIssueCode } from '@quartier/survey-core/browser';
import type { Texts } from './definition';
import { type ServerNetworkIssue, networkIssueTarget, networkIssueText } from './network-issue-text';

const TEXTS: Texts = new Proxy({} as Texts, { get: (_target, key) => `«${String(key)}»` });
const ISSUE_TEXTS = Object.fromEntries(
  NETWORK_ISSUE_CODES.map((code) => [code, code === 'too-many-alters' ? 'höchstens {n}' : `«${code}»`]),
) as Record<NetworkIssueCode, string>;

// As the server's 422 names a refused name generator answer: its English message, its code in the cause.
const refused = (path: string, code: string, message: string): ServerNetworkIssue => ({
  path: `network.${path}`,
  message,
  cause: { code: 'network-invalid', params: { detail: message, code } },
});
const text = (issue: ServerNetworkIssue) => networkIssueText(issue, ISSUE_TEXTS, TEXTS, 5);

describe('networkIssueText: what a respondent reads for a refused name generator answer', () => {
  it.each(NETWORK_ISSUE_CODES)('words %s by its code, never by the English message', (code) => {
    const shown = text(refused('alters[1]', code, 'alters[1]: the server’s English'));
    expect(shown).toBe(code === 'too-many-alters' ? 'höchstens 5' : `«${code}»`);
  });

  it('words an unknown actor in the page’s words, not "unknown actor a9"', () => {
    expect(text(refused('respondent', 'respondent-unknown', 'respondent: unknown actor a9'))).toBe(
      '«respondent-unknown»',
    );
    expect(text(refused('alters[2]', 'actor-unknown', 'alters[2]: unknown actor a9'))).toBe(
      '«actor-unknown»',
    );
  });

  it('asks for an answer when the name generator was not answered at all', () => {
    const missing = { path: 'network', message: 'the name generator was not answered' };
    expect(text({ ...missing, cause: { code: 'network-missing', params: {} } })).toBe('«errRequired»');
  });

  it('has plain words for a code it does not know (a newer server) or an issue without cause', () => {
    expect(text(refused('alters[1]', 'something-new', 'alters[1]: something new'))).toBe('«errFormat»');
    expect(text({ path: 'network.alters[1]', message: 'alters[1]: required' })).toBe('«errFormat»');
  });
});

describe('networkIssueTarget: where a refused name generator answer is shown', () => {
  it('places a partner’s issue on the partner (as numbered when sent) and its question', () => {
    expect(networkIssueTarget('network.alters[2].haeufigkeit')).toEqual({ alter: 2, field: 'haeufigkeit' });
    expect(networkIssueTarget('network.alters[3]')).toEqual({ alter: 3, field: 'actor' });
  });

  it('places the respondent’s and the section’s issues on their fields', () => {
    expect(networkIssueTarget('network.respondent')).toEqual({ id: 'n-respondent' });
    expect(networkIssueTarget('network.alters')).toEqual({ id: 'n-alters' });
    expect(networkIssueTarget('network')).toEqual({ id: 'n-respondent' });
  });
});
