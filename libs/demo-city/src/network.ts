import type { Position } from 'geojson';
import type { DemoArea, DemoCity } from './city';
import { seededRandom } from './random';
import { drawTieWaves, type DemoSector, type DemoTie } from './ties';

export type DemoOfferingType =
  'rooms' | 'services' | 'know-how' | 'equipment' | 'volunteers' | 'funding' | 'other';

export interface DemoActor {
  readonly key: string;
  readonly name: string;
  readonly kind: 'organisation' | 'person';
  readonly sector: DemoSector;
  readonly field: string;
  /** The planning area the actor sits in. */
  readonly planningAreaCode: string;
  readonly point: { readonly lon: number; readonly lat: number };
  readonly offerings: readonly { readonly type: DemoOfferingType; readonly description: string }[];
  readonly contact: { readonly email?: string; readonly phone?: string };
  readonly waves: readonly (1 | 2)[];
}

export interface DemoActorNetwork {
  readonly district: DemoArea;
  readonly actors: readonly DemoActor[];
  readonly wave1: readonly DemoTie[];
  readonly wave2: readonly DemoTie[];
}

interface Template {
  readonly name: (place: string) => string;
  readonly sector: DemoSector;
  readonly field: string;
  readonly offering?: [DemoOfferingType, string];
  readonly hub?: boolean;
}

const A = 'public-administration' as const;
const W = 'welfare' as const;
const C = 'civil-society' as const;
const B = 'business' as const;

const DISTRICT_WIDE: readonly Template[] = [
  {
    name: (d) => `Sozialraumkoordination ${d}`,
    sector: A,
    field: 'Planung',
    offering: ['know-how', 'Sozialraumdaten und Planungsberatung'],
    hub: true,
  },
  {
    name: (d) => `Jobcenter ${d}`,
    sector: A,
    field: 'Beschäftigung',
    offering: ['services', 'Beratung und Vermittlung'],
  },
  {
    name: (d) => `Gesundheitsamt ${d} – Kinder- und Jugendgesundheitsdienst`,
    sector: A,
    field: 'Gesundheit',
    offering: ['services', 'Einschulungsuntersuchungen, Hausbesuche'],
  },
  {
    name: (d) => `Wohnungsbaugenossenschaft ${d} eG`,
    sector: B,
    field: 'Wohnen',
    offering: ['rooms', 'Gemeinschaftsräume'],
  },
  {
    name: (d) => `Schuldner- und Insolvenzberatung ${d}`,
    sector: W,
    field: 'Beratung',
    offering: ['services', 'Offene Sprechstunde'],
  },
  {
    name: (d) => `Interkultureller Verein ${d} e.V.`,
    sector: C,
    field: 'Integration',
    offering: ['volunteers', 'Sprachmittlung'],
  },
  {
    name: (d) => `Bürgerstiftung ${d}`,
    sector: C,
    field: 'Engagement',
    offering: ['funding', 'Kleinprojektefonds'],
  },
];

const PER_QUARTER: readonly Template[] = [
  {
    name: (q) => `Stadtteilzentrum ${q}`,
    sector: W,
    field: 'Nachbarschaft',
    offering: ['rooms', 'Räume für Gruppen und Feste'],
    hub: true,
  },
  {
    name: (q) => `Jugendamt – Region ${q}`,
    sector: A,
    field: 'Jugend',
    offering: ['services', 'Regionaler Sozialpädagogischer Dienst'],
  },
  {
    name: (q) => `Familienzentrum ${q}`,
    sector: W,
    field: 'Familie',
    offering: ['services', 'Elterncafé und Beratung'],
  },
  { name: (q) => `Jugendclub ${q}`, sector: W, field: 'Jugend', offering: ['rooms', 'Offener Treff'] },
  { name: (q) => `Stadtteilbibliothek ${q}`, sector: A, field: 'Bildung', offering: ['rooms', 'Lernplätze'] },
  {
    name: (q) => `TSV ${q} e.V.`,
    sector: C,
    field: 'Sport',
    offering: ['equipment', 'Sporthalle am Wochenende'],
  },
  {
    name: (q) => `Gewerbeverein ${q}`,
    sector: B,
    field: 'Wirtschaft',
    offering: ['funding', 'Spenden für Stadtteilfeste'],
  },
  {
    name: (q) => `Seniorentreff ${q}`,
    sector: W,
    field: 'Senioren',
    offering: ['volunteers', 'Besuchsdienst'],
  },
];

const PER_SOCIAL_AREA: readonly Template[] = [
  { name: (s) => `Kita ${s}`, sector: W, field: 'Familie' },
  {
    name: (s) => `Grundschule ${s}`,
    sector: A,
    field: 'Bildung',
    offering: ['rooms', 'Aula für Veranstaltungen'],
  },
  { name: (s) => `Mieterinitiative ${s}`, sector: C, field: 'Wohnen' },
  {
    name: (s) => `Nachbarschaftscafé ${s}`,
    sector: C,
    field: 'Nachbarschaft',
    offering: ['volunteers', 'Reparaturcafé'],
  },
  { name: (s) => `Apotheke ${s}`, sector: B, field: 'Gesundheit' },
];

const RESIDENTS: readonly [string, string, string?][] = [
  ['Jonas Becker', 'Nachbarschaft', 'Kiezspaziergänge'],
  ['Gisela Hoffmann', 'Senioren', 'Seniorenvertretung'],
  ['Leyla Rahimi', 'Integration', 'Sprachmittlung Farsi/Dari'],
  ['Ahmed Haddad', 'Sport', 'Jugendtraining'],
  ['Katarzyna Nowak', 'Wohnen'],
  ['Thomas Schulze', 'Nachbarschaft'],
  ['Anna Weber', 'Bildung', 'Nachhilfe'],
  ['Mehmet Yılmaz', 'Wirtschaft'],
];

/**
 * The actor network of one district of the demo city (default: the first, the city centre):
 * the offices, services, associations and businesses a district typically has, one set per
 * district, per Stadtteil and (two of five kinds) per Sozialraum, plus a few residents; each
 * in a planning area of its part of the district. Two waves a year apart (`drawTieWaves`).
 */
export function generateActorNetwork(
  city: DemoCity,
  { districtCode, seed = city.seed + 13 }: { districtCode?: string; seed?: number } = {},
): DemoActorNetwork {
  const random = seededRandom(seed);
  const district = city.areas.find(
    (a) => a.level === city.levels[0].key && (districtCode ?? a.code) === a.code,
  );
  if (!district) throw new Error(`demo network: no district ${districtCode}`);
  const childrenOf = (code: string) => city.areas.filter((a) => a.parentCode === code);
  const quarters = childrenOf(district.code);
  const socialAreas = quarters.flatMap((q) => childrenOf(q.code));
  const planningIn = (code: string) => city.planningAreas.filter((a) => a.code.startsWith(code));
  const specs: { template: Template; place: string; within: string; hub?: boolean }[] = [
    ...DISTRICT_WIDE.map((template) => ({ template, place: district.name, within: district.code })),
    ...quarters.flatMap((q) => PER_QUARTER.map((template) => ({ template, place: q.name, within: q.code }))),
    ...socialAreas.flatMap((s) => {
      const first = Math.floor(random() * PER_SOCIAL_AREA.length);
      return [0, 2].map((k) => ({
        template: PER_SOCIAL_AREA[(first + k) % PER_SOCIAL_AREA.length],
        place: planningIn(s.code)[0]?.name ?? s.name,
        within: s.code,
      }));
    }),
  ];
  const pickArea = (within: string) => {
    const candidates = planningIn(within);
    return candidates[Math.floor(random() * candidates.length)];
  };
  const waves = (): readonly (1 | 2)[] => {
    const roll = random();
    return roll < 0.05 ? [1] : roll < 0.1 ? [2] : [1, 2];
  };
  const actors: (DemoActor & { region: string; hub?: boolean })[] = specs.map(
    ({ template, place, within }, i) => {
      const area = pickArea(within);
      const name = template.name(place);
      return {
        key: `a${String(i + 1).padStart(3, '0')}`,
        name,
        kind: 'organisation',
        sector: template.sector,
        field: template.field,
        planningAreaCode: area.code,
        region: area.code.slice(0, 6),
        point: near(area.point, random),
        offerings: template.offering
          ? [{ type: template.offering[0], description: template.offering[1] }]
          : [],
        contact: { email: `kontakt@${slug(name)}.example.org` },
        waves: waves(),
        hub: template.hub,
      };
    },
  );
  RESIDENTS.forEach(([name, field, offering], i) => {
    const area = pickArea(district.code);
    actors.push({
      key: `p${String(i + 1).padStart(3, '0')}`,
      name,
      kind: 'person',
      sector: 'residents',
      field,
      planningAreaCode: area.code,
      region: area.code.slice(0, 6),
      point: near(area.point, random),
      offerings: offering ? [{ type: 'volunteers', description: offering }] : [],
      contact: { phone: `0611 ${4500000 + Math.floor(random() * 99999)}` },
      waves: waves(),
    });
  });
  const { wave1, wave2 } = drawTieWaves(actors, random);
  return { district, actors: actors.map(({ region: _r, hub: _h, ...actor }) => actor), wave1, wave2 };
}

/** A few metres from the area's inner point, so markers of one area do not sit on each other. */
function near(point: Position, random: () => number): { lon: number; lat: number } {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    lon: round(point[0] + (random() - 0.5) * 0.0006),
    lat: round(point[1] + (random() - 0.5) * 0.0004),
  };
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}
