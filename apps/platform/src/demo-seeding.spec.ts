import type { ServiceName } from '@quartier/contracts';
import type { DemoSeeder, ServiceDefinition } from '@quartier/service-kit';
import { seedDemo } from './demo-seeding';

class Seeder {}

const service = (name: ServiceName, demoSeedAfter?: ServiceName[], seeds = true) =>
  ({ name, demoSeedAfter, demoSeeder: seeds ? Seeder : undefined }) as unknown as ServiceDefinition;

const context = { root: '/', referenceData: '/', progress: () => undefined };

/** Seeders that record when they start and end and finish when the test releases them. */
function recorder() {
  const events: string[] = [];
  const release = new Map<ServiceName, () => void>();
  const failures = new Map<ServiceName, Error>();
  const seederOf = (definition: ServiceDefinition): DemoSeeder => ({
    seed: () =>
      new Promise<boolean>((resolve, reject) => {
        events.push(`start ${definition.name}`);
        release.set(definition.name, () => {
          events.push(`end ${definition.name}`);
          const failure = failures.get(definition.name);
          if (failure) reject(failure);
          else resolve(true);
        });
      }),
  });
  return { events, release, failures, seederOf };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('seedDemo', () => {
  const platform = [
    service('registry'),
    service('indicator'),
    service('network'),
    service('survey'),
    service('programme', ['indicator']),
    service('evaluation', ['indicator', 'programme']),
    service('reporting', undefined, false),
  ];

  it('seeds the registry first, then independent seeds side by side and dependent ones after theirs', async () => {
    const { events, release, seederOf } = recorder();
    const seeded: ServiceName[] = [];
    const run = seedDemo(platform, seederOf, context, (name) => seeded.push(name));
    await settle();
    expect(events).toEqual(['start registry']);
    release.get('registry')?.();
    await settle();
    expect(events.slice(2)).toEqual(['start indicator', 'start network', 'start survey']);
    release.get('indicator')?.();
    await settle();
    expect(events.at(-1)).toBe('start programme');
    release.get('network')?.();
    release.get('programme')?.();
    await settle();
    expect(events.at(-1)).toBe('start evaluation');
    release.get('evaluation')?.();
    release.get('survey')?.();
    await run;
    expect(seeded).toEqual(['registry', 'indicator', 'network', 'programme', 'evaluation', 'survey']);
  });

  it('lets every running seed end before it throws the first failure, and skips the dependents', async () => {
    const { events, release, failures, seederOf } = recorder();
    failures.set('indicator', new Error('indicator seed failed'));
    const run = seedDemo(platform, seederOf, context);
    let outcome: unknown = 'pending';
    run.then(
      () => (outcome = 'resolved'),
      (error: Error) => (outcome = error.message),
    );
    await settle();
    release.get('registry')?.();
    await settle();
    release.get('indicator')?.();
    await settle();
    expect(outcome).toBe('pending');
    release.get('network')?.();
    release.get('survey')?.();
    await settle();
    expect(outcome).toBe('indicator seed failed');
    expect(events).not.toContain('start programme');
    expect(events).not.toContain('start evaluation');
  });

  it('refuses a seed that waits for a service listed after it or not at all', async () => {
    const { seederOf } = recorder();
    await expect(
      seedDemo(
        [service('registry'), service('programme', ['indicator']), service('indicator')],
        seederOf,
        context,
      ),
    ).rejects.toThrow('programme seeds after indicator, not listed before it');
    await expect(
      seedDemo([service('registry'), service('survey', ['network'])], seederOf, context),
    ).rejects.toThrow('survey seeds after network, not listed before it');
  });
});
