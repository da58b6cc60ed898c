import { z } from 'zod';

// Response contracts of the evaluation routes (docs/adr/0007-generated-portal-clients.md): the
// error body and the compile-time checks are service-kit's, shared by all services.
export { ApiErrorResponses } from '@quartier/service-kit';
export type { AnswerOf, Answers, Expect } from '@quartier/service-kit';

/** `{de, en}` texts of the core's catalogues. */
export const translatedView = z.object({ de: z.string(), en: z.string() });
