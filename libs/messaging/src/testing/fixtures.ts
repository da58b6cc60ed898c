import { randomUUID } from 'node:crypto';
import type { EventPayload } from '@quartier/contracts';

/** A valid registry.area.upserted v1 payload (Berlin planning area, LOR 2021). */
export function areaPayload(
  overrides: Partial<EventPayload<'registry.area.upserted'>> = {},
): EventPayload<'registry.area.upserted'> {
  return {
    id: randomUUID(),
    tenantId: 'berlin-demo',
    code: '01011101',
    name: 'Stülerstraße',
    level: 'planning-area',
    parentId: randomUUID(),
    path: [randomUUID()],
    population: 3419,
    versionId: randomUUID(),
    validFrom: '2021-01-01',
    ...overrides,
  };
}

export function until(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = async () => {
      try {
        if (await predicate()) return resolve();
      } catch (error) {
        return reject(error);
      }
      if (Date.now() > deadline)
        return reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      setTimeout(check, 25);
    };
    void check();
  });
}
