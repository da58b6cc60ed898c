import 'reflect-metadata';
import { PLATFORM_SERVICES } from '@quartier/platform-services';
import { API_ERROR_DICTIONARIES } from '@quartier/portal-ui/texts';
import { answerableErrorCodes } from '@quartier/service-kit';

// The portal never shows a service's own (English, technical) message: it words an error by its
// code, and a code without a sentence falls back to one about the HTTP status ("the input is
// invalid"). So every code a service can refuse a request with needs its sentence in German and
// English. Server errors (5xx) are the exception: "an error occurred on the server" is all the
// portal can say about them.

describe('error texts of the portal', () => {
  // Loading the services registers every error class with its codes.
  const codes = answerableErrorCodes();

  it('see the codes of every service, the filter and the guard', () => {
    expect(PLATFORM_SERVICES.length).toBeGreaterThan(0);
    for (const code of ['ValidationFailed', 'MissingRole', 'Conflict', 'SurveyNotFound', 'OverCommitment'])
      expect(codes.has(code)).toBe(true);
  });

  it('word every code a service refuses a request with, in German and English', () => {
    const refusals = [...codes].filter(([, status]) => status < 500).map(([code]) => code);
    for (const language of ['de', 'en'] as const) {
      const dictionary: Readonly<Record<string, string>> = API_ERROR_DICTIONARIES[language];
      expect(refusals.filter((code) => !dictionary[`apiError.${code}`]?.trim())).toEqual([]);
    }
  });
});
