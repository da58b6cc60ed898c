export type DemoSector = 'public-administration' | 'welfare' | 'civil-society' | 'business' | 'residents';
export type DemoTieType = 'cooperation' | 'information' | 'referral' | 'resources' | 'funding';

/** What tie drawing needs to know of an actor. */
export interface TieActor {
  readonly key: string;
  readonly sector: DemoSector;
  readonly field: string;
  /** Code of the small area the actor works in; its first four characters name the larger one. */
  readonly region: string;
  /** Connects widely (coordination offices, neighbourhood centres). */
  readonly hub?: boolean;
  readonly waves: readonly (1 | 2)[];
}

export interface DemoTie {
  readonly source: string;
  readonly target: string;
  readonly type: DemoTieType;
  readonly weight: number;
}

const TIE_TYPE_CHOICES: readonly DemoTieType[] = [
  'cooperation',
  'cooperation',
  'cooperation',
  'information',
  'information',
  'referral',
  'resources',
  'funding',
];

/**
 * Two waves of undirected, weighted ties a year apart. Ties are likelier between actors of the
 * same area and field and around hubs; in the second wave about a sixth of the ties ends and
 * new ones appear, more of them across sectors — what a networking programme aims for.
 */
export function drawTieWaves(
  actors: readonly TieActor[],
  random: () => number,
): { wave1: DemoTie[]; wave2: DemoTie[] } {
  const wave1 = drawWave(actors, 1, new Map(), random);
  const wave2 = drawWave(actors, 2, new Map(wave1.map((t) => [`${t.source} ${t.target}`, t])), random);
  return { wave1, wave2 };
}

function affinity(a: TieActor, b: TieActor, wave: 1 | 2): number {
  let p = 0.025;
  if (a.region === b.region) p += 0.12;
  else if (a.region.slice(0, 4) === b.region.slice(0, 4)) p += 0.04;
  if (a.field === b.field) p += 0.15;
  if (a.hub || b.hub) p += 0.1;
  if (a.hub && b.hub) p += 0.25;
  if (wave === 2 && a.sector !== b.sector) p += 0.03;
  return Math.min(p, 0.85);
}

function drawWave(
  actors: readonly TieActor[],
  wave: 1 | 2,
  earlierTies: ReadonlyMap<string, DemoTie>,
  random: () => number,
): DemoTie[] {
  const present = actors.filter((a) => a.waves.includes(wave));
  const ties: DemoTie[] = [];
  for (let i = 0; i < present.length; i++) {
    for (let j = i + 1; j < present.length; j++) {
      const [a, b] = [present[i], present[j]];
      const earlier = earlierTies.get(`${a.key} ${b.key}`);
      const roll = random();
      if (earlier) {
        // Five in six ties survive a year; a surviving tie may change its frequency.
        if (roll < 5 / 6) {
          const change = random() < 0.3 ? (random() < 0.5 ? -1 : 1) : 0;
          ties.push({ ...earlier, weight: Math.max(1, Math.min(4, earlier.weight + change)) });
        }
        continue;
      }
      if (roll < affinity(a, b, wave) * (wave === 2 ? 0.35 : 1))
        ties.push({
          source: a.key,
          target: b.key,
          type: TIE_TYPE_CHOICES[Math.floor(random() * TIE_TYPE_CHOICES.length)],
          weight: 1 + Math.floor(random() * 4),
        });
    }
  }
  return ties;
}
