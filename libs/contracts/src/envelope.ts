import { z } from 'zod';
import { SERVICES, tenantIdSchema, uuidSchema } from './values';

/** The envelope every domain event travels in (docs/architecture.md §4). */
export const envelopeSchema = z.object({
  id: uuidSchema,
  type: z.string().regex(/^[a-z]+(\.[a-z-]+)+$/),
  version: z.number().int().positive(),
  tenantId: tenantIdSchema,
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.enum(SERVICES),
  /** Partition key: `tenantId:aggregateId`, so order holds per area/aggregate. */
  key: z.string().min(1),
  correlationId: z.string().min(1),
  payload: z.unknown(),
});
export type EventEnvelope<P = unknown> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & { payload: P };

/** Where a message's first problem is and what it is (`path: message`), as refusals and dead letters name it. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

/** Topic of a producing service. */
export const topicOf = (service: (typeof SERVICES)[number]): string => `quartier.${service}.events`;
/** Where consumers park what they cannot process, with the reason in a header. */
export const deadLetterTopicOf = (topic: string): string => `${topic}.dlq`;
export const DEAD_LETTER_REASON_HEADER = 'quartier-dead-letter-reason';
export const CORRELATION_HEADER = 'x-correlation-id';
