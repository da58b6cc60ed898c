import { quoteIdent } from '@quartier/persistence';

/** The channel the outbox writer notifies and the relay listens on (one per schema). */
export const outboxChannel = (schema: string): string => `quartier_outbox_${quoteIdent(schema).slice(1, -1)}`;
