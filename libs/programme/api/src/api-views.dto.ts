// Response contracts of the programme routes (docs/adr/0007-generated-portal-clients.md): the
// error body, text answers and the compile-time checks are service-kit's, shared by all services.
export { ApiErrorResponses, binaryResponse, textResponse } from '@quartier/service-kit';
export type { AnswerOf, Answers, Expect } from '@quartier/service-kit';
