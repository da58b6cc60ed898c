/**
 * Schema names end up inside SQL text (identifiers cannot be bound as parameters), so only plain
 * lowercase identifiers are accepted; service schemas are named like services.
 */
export function schemaIdentifier(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new RangeError(`schema name must be a lowercase SQL identifier, got ${JSON.stringify(schema)}`);
  return `"${schema}"`;
}

/** The channel the outbox writer notifies and the relay listens on (one per schema). */
export const outboxChannel = (schema: string): string =>
  `quartier_outbox_${schemaIdentifier(schema).slice(1, -1)}`;
