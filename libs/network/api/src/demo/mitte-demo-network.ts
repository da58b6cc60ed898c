import { SECTORS, type Sector } from '@quartier/contracts';
import { drawTieWaves, seededRandom, type DemoTie } from '@quartier/demo-city';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ACTOR_KINDS, OFFERING_TYPES } from '../network.constants';
import type { ActorKind, OfferingType } from '../network.constants';
import type { MittePlanningArea } from './mitte-planning-areas';

/**
 * The demo network's content — 60 fictional actors typical of a Berlin inner-city district's
 * social infrastructure — is data, kept with the library (copied next to the compiled code by
 * tools/build.mjs); this module only places the actors and draws their ties.
 */
const FIXTURE = join(__dirname, '../../fixtures/mitte-network-demo.json');

const demoActorSpecSchema = z.strictObject({
  key: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(ACTOR_KINDS),
  sector: z.enum(SECTORS),
  field: z.string().min(1),
  /** Bezirksregion (6-digit LOR code) the actor sits in; a planning area is drawn inside it. */
  region: z.string().regex(/^\d{6}$/),
  offerings: z.array(z.strictObject({ type: z.enum(OFFERING_TYPES), description: z.string().min(1) })),
  /** Connects widely (coordination offices, neighbourhood centres). */
  hub: z.boolean().optional(),
  /** Only in the first / only in the second wave. */
  onlyInWave: z.union([z.literal(1), z.literal(2)]).optional(),
});

const mitteDemoFixtureSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().min(1),
    /** The Bezirksregionen the actors sit in, by LOR code (their names are for the reader). */
    regions: z.record(z.string().regex(/^\d{6}$/), z.string()),
    actors: z.array(demoActorSpecSchema).min(1),
  })
  .superRefine((fixture, ctx) => {
    const keys = new Set<string>();
    for (const [index, actor] of fixture.actors.entries()) {
      if (keys.has(actor.key))
        ctx.addIssue({
          code: 'custom',
          path: ['actors', index, 'key'],
          message: `duplicate key ${actor.key}`,
        });
      keys.add(actor.key);
      if (!(actor.region in fixture.regions))
        ctx.addIssue({
          code: 'custom',
          path: ['actors', index, 'region'],
          message: `unknown region ${actor.region}`,
        });
    }
  });

export type DemoActorSpec = z.infer<typeof demoActorSpecSchema>;
export type MitteDemoFixture = z.infer<typeof mitteDemoFixtureSchema>;

/** The fixture, checked: a hand-edited file that breaks fails the seed naming the field. */
export function loadMitteDemoFixture(file = FIXTURE): MitteDemoFixture {
  const parsed = mitteDemoFixtureSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export interface DemoActor {
  readonly key: string;
  readonly name: string;
  readonly kind: ActorKind;
  readonly sector: Sector;
  readonly field: string;
  readonly planningAreaCode: string;
  readonly point: { lon: number; lat: number };
  readonly offerings: readonly { type: OfferingType; description: string }[];
  readonly contact: { email?: string; phone?: string };
  readonly waves: readonly (1 | 2)[];
}

/** A demo network's actors and its two waves of ties, whichever city it comes from. */
export interface DemoNetwork {
  readonly actors: readonly DemoActor[];
  readonly wave1: readonly DemoTie[];
  readonly wave2: readonly DemoTie[];
}

/**
 * The Mitte demo network: the fixture's actors (60, across the five sectors) in Mitte's planning
 * areas (as read from the reference data), two waves a year apart drawn by `drawTieWaves`. A few
 * actors leave or join between the waves. Same actors, seed and areas, same network.
 */
export function buildMitteDemoNetwork(
  specs: readonly DemoActorSpec[],
  planningAreas: readonly MittePlanningArea[],
  seed = 20240515,
): DemoNetwork {
  const random = seededRandom(seed);
  const areasByRegion = new Map<string, MittePlanningArea[]>();
  for (const area of planningAreas) {
    const list = areasByRegion.get(area.code.slice(0, 6)) ?? [];
    list.push(area);
    areasByRegion.set(area.code.slice(0, 6), list);
  }
  const actors: DemoActor[] = specs.map((spec) => {
    const candidates = areasByRegion.get(spec.region) ?? planningAreas;
    const area = candidates[Math.floor(random() * candidates.length)];
    const point = {
      lon: round(area.lon + (random() * 2 - 1) * area.dLon),
      lat: round(area.lat + (random() * 2 - 1) * area.dLat),
    };
    const contact =
      spec.kind === 'person'
        ? { phone: `030 ${4500000 + Math.floor(random() * 99999)}` }
        : { email: `kontakt@${spec.key}.example.org` };
    return {
      key: spec.key,
      name: spec.name,
      kind: spec.kind,
      sector: spec.sector,
      field: spec.field,
      planningAreaCode: area.code,
      point,
      offerings: spec.offerings.map(({ type, description }) => ({ type, description })),
      contact,
      waves: spec.onlyInWave ? [spec.onlyInWave] : [1, 2],
    };
  });
  const specByKey = new Map(specs.map((s) => [s.key, s]));
  const { wave1, wave2 } = drawTieWaves(
    actors.map((a) => {
      const spec = specByKey.get(a.key) as DemoActorSpec;
      return {
        key: a.key,
        sector: a.sector,
        field: a.field,
        region: spec.region,
        hub: spec.hub,
        waves: a.waves,
      };
    }),
    random,
  );
  return { actors, wave1, wave2 };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
