import type { ServiceName } from '@quartier/contracts';
import type { DemoSeedContext, DemoSeeder, ServiceDefinition } from '@quartier/service-kit';

/**
 * Seeds the demo data of every service that has a seeder: the registry's first (every other
 * seed builds on its areas), then each service as soon as the seeds named in its `demoSeedAfter`
 * are done — the indicator, network and survey seeds side by side, the programme's after the
 * indicators', and so on. Node mostly waits for PostgreSQL while a seed runs, so independent
 * seeds overlap well. Every seed ends before this returns, also when one fails (no seed is left
 * writing while the caller closes the application); the first failure is thrown then.
 */
export async function seedDemo(
  services: readonly ServiceDefinition[],
  seederOf: (service: ServiceDefinition) => DemoSeeder,
  context: DemoSeedContext,
  seeded: (service: ServiceName, seconds: number) => void = () => undefined,
): Promise<void> {
  const done = new Map<ServiceName, Promise<void>>();
  const position = new Map(services.map((service, index) => [service.name, index]));
  for (const [index, service] of services.entries()) {
    if (!service.demoSeeder) continue;
    const after = service.name === 'registry' ? [] : ['registry' as const, ...(service.demoSeedAfter ?? [])];
    // The platform's list is in dependency order: a seed can only wait for one listed before it.
    const misplaced = after.filter((name) => !((position.get(name) ?? Infinity) < index));
    if (misplaced.length > 0)
      throw new Error(`${service.name} seeds after ${misplaced.join(', ')}, not listed before it`);
    const before = Promise.all(after.map((name) => done.get(name)));
    done.set(
      service.name,
      before.then(async () => {
        const started = Date.now();
        await seederOf(service).seed(context);
        seeded(service.name, (Date.now() - started) / 1000);
      }),
    );
  }
  const results = await Promise.allSettled(done.values());
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
