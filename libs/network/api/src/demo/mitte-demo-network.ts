import { seededRandom } from '@quartier/network-core';
import type { ActorKind, OfferingType, Sector, TieType } from '../network.constants';
import { MITTE_PLANNING_AREAS } from './mitte-planning-areas';

/** One demo actor: fictional but typical of a Berlin inner-city district's social infrastructure. */
interface DemoActorSpec {
  readonly key: string;
  readonly name: string;
  readonly kind: ActorKind;
  readonly sector: Sector;
  readonly field: string;
  /** Bezirksregion (6-digit LOR code) the actor sits in; a planning area is drawn inside it. */
  readonly region: string;
  readonly offerings: readonly [OfferingType, string][];
  /** Connects widely (coordination offices, neighbourhood centres). */
  readonly hub?: boolean;
  /** Only in the first / only in the second wave. */
  readonly only?: 1 | 2;
}

const A = 'public-administration' as const;
const W = 'welfare' as const;
const C = 'civil-society' as const;
const B = 'business' as const;
const R = 'residents' as const;

// Regions: 010111 Tiergarten Süd, 010112 Regierungsviertel, 010113 Alexanderplatz,
// 010114 Brunnenstraße Süd, 010221 Moabit West, 010222 Moabit Ost, 010331 Osloer Straße,
// 010332 Brunnenstraße Nord, 010441 Parkviertel, 010442 Wedding Zentrum.
const SPECS: readonly DemoActorSpec[] = [
  {
    key: 'spk',
    name: 'Sozialraumorientierte Planungskoordination Mitte',
    kind: 'organisation',
    sector: A,
    field: 'Planung',
    region: '010113',
    offerings: [['know-how', 'Sozialraumdaten und Planungsberatung']],
    hub: true,
  },
  {
    key: 'jugendamt-wedding',
    name: 'Jugendamt Mitte – Region Wedding',
    kind: 'organisation',
    sector: A,
    field: 'Jugend',
    region: '010442',
    offerings: [['services', 'Regionaler Sozialpädagogischer Dienst']],
    hub: true,
  },
  {
    key: 'jugendamt-moabit',
    name: 'Jugendamt Mitte – Region Moabit',
    kind: 'organisation',
    sector: A,
    field: 'Jugend',
    region: '010222',
    offerings: [['services', 'Hilfen zur Erziehung, Beratung']],
  },
  {
    key: 'jobcenter',
    name: 'Jobcenter Berlin Mitte',
    kind: 'organisation',
    sector: A,
    field: 'Beschäftigung',
    region: '010442',
    offerings: [['services', 'Beratung und Vermittlung']],
  },
  {
    key: 'gesundheitsamt',
    name: 'Gesundheitsamt Mitte – Kinder- und Jugendgesundheitsdienst',
    kind: 'organisation',
    sector: A,
    field: 'Gesundheit',
    region: '010222',
    offerings: [['services', 'Einschulungsuntersuchungen, Hausbesuche']],
  },
  {
    key: 'bibliothek-wedding',
    name: 'Stadtteilbibliothek Wedding',
    kind: 'organisation',
    sector: A,
    field: 'Bildung',
    region: '010442',
    offerings: [
      ['rooms', 'Veranstaltungsraum für 60 Personen'],
      ['services', 'Leseförderung'],
    ],
  },
  {
    key: 'bibliothek-moabit',
    name: 'Stadtteilbibliothek Moabit',
    kind: 'organisation',
    sector: A,
    field: 'Bildung',
    region: '010221',
    offerings: [['rooms', 'Lernplätze und Gruppenraum']],
  },
  {
    key: 'qm-soldiner',
    name: 'Quartiersmanagement Soldiner Straße',
    kind: 'organisation',
    sector: A,
    field: 'Stadtteilentwicklung',
    region: '010331',
    offerings: [
      ['funding', 'Projektfonds für Nachbarschaftsprojekte'],
      ['know-how', 'Beteiligung'],
    ],
    hub: true,
  },
  {
    key: 'qm-moabit',
    name: 'Quartiersmanagement Moabit-Ost',
    kind: 'organisation',
    sector: A,
    field: 'Stadtteilentwicklung',
    region: '010222',
    offerings: [['funding', 'Aktionsfonds']],
    hub: true,
  },
  {
    key: 'schule-gotland',
    name: 'Grundschule am Gotlandplatz',
    kind: 'organisation',
    sector: A,
    field: 'Bildung',
    region: '010331',
    offerings: [['rooms', 'Turnhalle am Wochenende']],
  },
  {
    key: 'schule-moabit',
    name: 'Gemeinschaftsschule Moabit',
    kind: 'organisation',
    sector: A,
    field: 'Bildung',
    region: '010221',
    offerings: [
      ['rooms', 'Aula'],
      ['services', 'Ganztagsangebote'],
    ],
  },
  {
    key: 'familienservice',
    name: 'Familienservicebüro Mitte',
    kind: 'organisation',
    sector: A,
    field: 'Familie',
    region: '010113',
    offerings: [['services', 'Beratung zu Familienleistungen']],
  },

  {
    key: 'nbh-brunnen',
    name: 'Nachbarschaftshaus Brunnenviertel',
    kind: 'organisation',
    sector: W,
    field: 'Nachbarschaft',
    region: '010332',
    offerings: [
      ['rooms', 'Saal und Küche für Feste'],
      ['services', 'Sozialberatung'],
    ],
    hub: true,
  },
  {
    key: 'nbh-moabit',
    name: 'Stadtteilzentrum Moabit',
    kind: 'organisation',
    sector: W,
    field: 'Nachbarschaft',
    region: '010221',
    offerings: [
      ['rooms', 'Gruppenräume'],
      ['volunteers', 'Ehrenamtsbörse'],
    ],
    hub: true,
  },
  {
    key: 'fz-soldiner',
    name: 'Familienzentrum Soldiner Kiez',
    kind: 'organisation',
    sector: W,
    field: 'Familie',
    region: '010331',
    offerings: [
      ['services', 'Elterncafé, Beratung'],
      ['rooms', 'Spielzimmer'],
    ],
  },
  {
    key: 'fz-tiergarten',
    name: 'Familienzentrum Tiergarten Süd',
    kind: 'organisation',
    sector: W,
    field: 'Familie',
    region: '010111',
    offerings: [['services', 'Eltern-Kind-Gruppen']],
  },
  {
    key: 'kita-sonnenblume',
    name: 'Kita Sonnenblume',
    kind: 'organisation',
    sector: W,
    field: 'Familie',
    region: '010331',
    offerings: [['know-how', 'Sprachförderung']],
  },
  {
    key: 'kita-spree',
    name: 'Kita Spreeufer',
    kind: 'organisation',
    sector: W,
    field: 'Familie',
    region: '010222',
    offerings: [],
  },
  {
    key: 'jfe-weddinger',
    name: 'Jugendfreizeiteinrichtung Weddinger Kids',
    kind: 'organisation',
    sector: W,
    field: 'Jugend',
    region: '010442',
    offerings: [
      ['rooms', 'Tonstudio'],
      ['services', 'Offene Jugendarbeit'],
    ],
  },
  {
    key: 'jfe-moabit',
    name: 'Jugendclub Moabit',
    kind: 'organisation',
    sector: W,
    field: 'Jugend',
    region: '010221',
    offerings: [['rooms', 'Sporthalle nachmittags']],
  },
  {
    key: 'schuldnerberatung',
    name: 'Schuldner- und Insolvenzberatung Mitte',
    kind: 'organisation',
    sector: W,
    field: 'Beratung',
    region: '010113',
    offerings: [['services', 'Schuldnerberatung, offene Sprechstunde']],
  },
  {
    key: 'migrationsberatung',
    name: 'Migrationsberatung für Erwachsene Wedding',
    kind: 'organisation',
    sector: W,
    field: 'Integration',
    region: '010442',
    offerings: [['services', 'Beratung auf Arabisch, Türkisch, Farsi']],
  },
  {
    key: 'stadtteilmuetter',
    name: 'Stadtteilmütter in Mitte',
    kind: 'organisation',
    sector: W,
    field: 'Integration',
    region: '010331',
    offerings: [['volunteers', 'Hausbesuche in acht Sprachen']],
    hub: true,
  },
  {
    key: 'pflegestuetzpunkt',
    name: 'Pflegestützpunkt Mitte',
    kind: 'organisation',
    sector: W,
    field: 'Senioren',
    region: '010222',
    offerings: [['services', 'Pflegeberatung']],
  },
  {
    key: 'seniorentreff',
    name: 'Seniorenfreizeitstätte Moabit',
    kind: 'organisation',
    sector: W,
    field: 'Senioren',
    region: '010221',
    offerings: [['rooms', 'Café und Kursraum']],
  },
  {
    key: 'suchtberatung',
    name: 'Suchtberatung Wedding',
    kind: 'organisation',
    sector: W,
    field: 'Gesundheit',
    region: '010441',
    offerings: [['services', 'Beratung, Gruppen']],
  },
  {
    key: 'efb',
    name: 'Erziehungs- und Familienberatung Mitte',
    kind: 'organisation',
    sector: W,
    field: 'Familie',
    region: '010114',
    offerings: [['services', 'Erziehungsberatung']],
  },
  {
    key: 'sozialstation',
    name: 'Sozialstation Brunnenstraße',
    kind: 'organisation',
    sector: W,
    field: 'Senioren',
    region: '010114',
    offerings: [],
  },
  {
    key: 'kiezmobil',
    name: 'Mobile Jugendarbeit Mitte',
    kind: 'organisation',
    sector: W,
    field: 'Jugend',
    region: '010332',
    offerings: [['know-how', 'Straßensozialarbeit']],
  },
  {
    key: 'ausbildung',
    name: 'Ausbildungsverbund Wedding',
    kind: 'organisation',
    sector: W,
    field: 'Beschäftigung',
    region: '010441',
    offerings: [
      ['services', 'Berufsorientierung'],
      ['equipment', 'Werkstatt'],
    ],
  },

  {
    key: 'sportverein',
    name: 'SV Wedding 1920 e. V.',
    kind: 'organisation',
    sector: C,
    field: 'Sport',
    region: '010441',
    offerings: [
      ['services', 'Fußball und Schwimmen für Kinder'],
      ['volunteers', 'Übungsleitende'],
    ],
  },
  {
    key: 'boxclub',
    name: 'Boxclub Moabit e. V.',
    kind: 'organisation',
    sector: C,
    field: 'Sport',
    region: '010222',
    offerings: [['rooms', 'Trainingshalle']],
  },
  {
    key: 'moscheeverein',
    name: 'Moscheegemeinde Soldiner Straße e. V.',
    kind: 'organisation',
    sector: C,
    field: 'Integration',
    region: '010331',
    offerings: [
      ['rooms', 'Gemeinderaum'],
      ['volunteers', 'Hausaufgabenhilfe'],
    ],
  },
  {
    key: 'kirchengemeinde',
    name: 'Evangelische Kirchengemeinde am Humboldthain',
    kind: 'organisation',
    sector: C,
    field: 'Nachbarschaft',
    region: '010332',
    offerings: [
      ['rooms', 'Gemeindesaal'],
      ['services', 'Mittagstisch'],
    ],
  },
  {
    key: 'mieterinitiative',
    name: 'Mieterinitiative Brunnenviertel',
    kind: 'organisation',
    sector: C,
    field: 'Wohnen',
    region: '010332',
    offerings: [['know-how', 'Mietrecht von Mieter:innen für Mieter:innen']],
  },
  {
    key: 'elternverein',
    name: 'Elternverein Gotlandplatz e. V.',
    kind: 'organisation',
    sector: C,
    field: 'Bildung',
    region: '010331',
    offerings: [['volunteers', 'Lesepatenschaften']],
  },
  {
    key: 'garten',
    name: 'Gemeinschaftsgarten Moabit',
    kind: 'organisation',
    sector: C,
    field: 'Umwelt',
    region: '010221',
    offerings: [['rooms', 'Garten und Werkzeugschuppen']],
  },
  {
    key: 'kulturverein',
    name: 'Kulturverein Weddingraum e. V.',
    kind: 'organisation',
    sector: C,
    field: 'Kultur',
    region: '010442',
    offerings: [
      ['rooms', 'Galerie'],
      ['equipment', 'Bühnentechnik'],
    ],
  },
  {
    key: 'tafel',
    name: 'Ausgabestelle der Tafel Moabit',
    kind: 'organisation',
    sector: C,
    field: 'Armut',
    region: '010222',
    offerings: [['services', 'Lebensmittelausgabe']],
  },
  {
    key: 'freiwilligenagentur',
    name: 'Freiwilligenagentur Mitte',
    kind: 'organisation',
    sector: C,
    field: 'Engagement',
    region: '010113',
    offerings: [['volunteers', 'Vermittlung von Ehrenamtlichen']],
    hub: true,
  },
  {
    key: 'buergerverein',
    name: 'Bürgerverein Tiergarten Süd e. V.',
    kind: 'organisation',
    sector: C,
    field: 'Nachbarschaft',
    region: '010111',
    offerings: [],
  },
  {
    key: 'frauentreff',
    name: 'Frauentreff Brunnenstraße',
    kind: 'organisation',
    sector: C,
    field: 'Integration',
    region: '010114',
    offerings: [['rooms', 'Nähwerkstatt']],
    only: 2,
  },
  {
    key: 'repaircafe',
    name: 'Repair-Café Wedding',
    kind: 'organisation',
    sector: C,
    field: 'Umwelt',
    region: '010441',
    offerings: [
      ['equipment', 'Werkzeug'],
      ['know-how', 'Reparaturen'],
    ],
    only: 2,
  },

  {
    key: 'gewerbeverein',
    name: 'Gewerbeverein Müllerstraße',
    kind: 'organisation',
    sector: B,
    field: 'Wirtschaft',
    region: '010442',
    offerings: [['funding', 'Spenden für Kiezfeste']],
  },
  {
    key: 'wohnungsbau',
    name: 'Wohnungsbaugesellschaft Berlin-Mitte, Kundenzentrum Wedding',
    kind: 'organisation',
    sector: B,
    field: 'Wohnen',
    region: '010332',
    offerings: [['rooms', 'Mieterräume in drei Höfen']],
  },
  {
    key: 'genossenschaft',
    name: 'Wohnungsgenossenschaft Moabit eG',
    kind: 'organisation',
    sector: B,
    field: 'Wohnen',
    region: '010221',
    offerings: [['rooms', 'Gemeinschaftsraum']],
  },
  {
    key: 'apotheke',
    name: 'Apotheke am Leopoldplatz',
    kind: 'organisation',
    sector: B,
    field: 'Gesundheit',
    region: '010442',
    offerings: [],
  },
  {
    key: 'baeckerei',
    name: 'Bäckerei Yıldız',
    kind: 'organisation',
    sector: B,
    field: 'Wirtschaft',
    region: '010331',
    offerings: [['funding', 'Brot für den Mittagstisch']],
  },
  {
    key: 'cafe',
    name: 'Kiezcafé Tiergarten',
    kind: 'organisation',
    sector: B,
    field: 'Wirtschaft',
    region: '010111',
    offerings: [['rooms', 'Café für Treffen am Abend']],
  },
  {
    key: 'einzelhandel',
    name: 'Einzelhandelsinitiative Turmstraße',
    kind: 'organisation',
    sector: B,
    field: 'Wirtschaft',
    region: '010222',
    offerings: [],
    only: 1,
  },
  {
    key: 'sozialunternehmen',
    name: 'Sozialunternehmen Kiezküche gGmbH',
    kind: 'organisation',
    sector: B,
    field: 'Beschäftigung',
    region: '010441',
    offerings: [['services', 'Catering, Arbeitsgelegenheiten']],
  },

  {
    key: 'p-elternvertreterin',
    name: 'Sabine Krüger',
    kind: 'person',
    sector: R,
    field: 'Bildung',
    region: '010331',
    offerings: [['know-how', 'Elternvertretung Grundschule']],
  },
  {
    key: 'p-hauswart',
    name: 'Mehmet Aydın',
    kind: 'person',
    sector: R,
    field: 'Wohnen',
    region: '010332',
    offerings: [],
  },
  {
    key: 'p-kiezlaeufer',
    name: 'Jonas Becker',
    kind: 'person',
    sector: R,
    field: 'Nachbarschaft',
    region: '010442',
    offerings: [['volunteers', 'Kiezspaziergänge']],
  },
  {
    key: 'p-seniorin',
    name: 'Gisela Hoffmann',
    kind: 'person',
    sector: R,
    field: 'Senioren',
    region: '010221',
    offerings: [['know-how', 'Seniorenvertretung']],
  },
  {
    key: 'p-sprachmittlerin',
    name: 'Leyla Rahimi',
    kind: 'person',
    sector: R,
    field: 'Integration',
    region: '010331',
    offerings: [['know-how', 'Sprachmittlung Farsi/Dari']],
  },
  {
    key: 'p-trainer',
    name: 'Ahmed Haddad',
    kind: 'person',
    sector: R,
    field: 'Sport',
    region: '010441',
    offerings: [['volunteers', 'Jugendtraining']],
    only: 1,
  },
  {
    key: 'p-mieterin',
    name: 'Katarzyna Nowak',
    kind: 'person',
    sector: R,
    field: 'Wohnen',
    region: '010222',
    offerings: [],
  },
  {
    key: 'p-nachbar',
    name: 'Thomas Schulze',
    kind: 'person',
    sector: R,
    field: 'Nachbarschaft',
    region: '010111',
    offerings: [],
    only: 2,
  },
  {
    key: 'p-studentin',
    name: 'Anna Weber',
    kind: 'person',
    sector: R,
    field: 'Bildung',
    region: '010113',
    offerings: [['volunteers', 'Nachhilfe']],
    only: 2,
  },
];

const TIE_TYPE_CHOICES: readonly TieType[] = [
  'cooperation',
  'cooperation',
  'cooperation',
  'information',
  'information',
  'referral',
  'resources',
  'funding',
];

export interface DemoActor {
  readonly key: string;
  readonly name: string;
  readonly kind: ActorKind;
  readonly sector: Sector;
  readonly field: string;
  readonly planningAreaCode: string;
  readonly point: { lon: number; lat: number };
  readonly offerings: { type: OfferingType; description: string }[];
  readonly contact: { email?: string; phone?: string };
  readonly waves: readonly (1 | 2)[];
}

export interface DemoTie {
  readonly source: string;
  readonly target: string;
  readonly type: TieType;
  readonly weight: number;
}

export interface DemoNetwork {
  readonly actors: DemoActor[];
  readonly wave1: DemoTie[];
  readonly wave2: DemoTie[];
}

/**
 * The Mitte demo network: 60 actors across the five sectors in Mitte's planning areas, two waves
 * a year apart. Ties are drawn with a seeded generator, likelier between actors of the same
 * region and field and around coordination hubs; in the second wave about a sixth of the ties
 * ends, new ones appear (more across sectors — what a networking measure aims for), and a few
 * actors leave or join. Same seed, same network.
 */
export function buildMitteDemoNetwork(seed = 20240515): DemoNetwork {
  const random = seededRandom(seed);
  const areasByRegion = new Map<string, (typeof MITTE_PLANNING_AREAS)[number][]>();
  for (const area of MITTE_PLANNING_AREAS) {
    const list = areasByRegion.get(area.code.slice(0, 6)) ?? [];
    list.push(area);
    areasByRegion.set(area.code.slice(0, 6), list);
  }
  const actors: DemoActor[] = SPECS.map((spec) => {
    const candidates = areasByRegion.get(spec.region) ?? MITTE_PLANNING_AREAS;
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
      offerings: spec.offerings.map(([type, description]) => ({ type, description })),
      contact,
      waves: spec.only ? [spec.only] : [1, 2],
    };
  });
  const specByKey = new Map(SPECS.map((s) => [s.key, s]));
  const affinity = (a: DemoActorSpec, b: DemoActorSpec, wave: 1 | 2) => {
    let p = 0.025;
    if (a.region === b.region) p += 0.12;
    else if (a.region.slice(0, 4) === b.region.slice(0, 4)) p += 0.04;
    if (a.field === b.field) p += 0.15;
    if (a.hub || b.hub) p += 0.1;
    if (a.hub && b.hub) p += 0.25;
    // The networking programme between the waves brought sectors together.
    if (wave === 2 && a.sector !== b.sector) p += 0.03;
    return Math.min(p, 0.85);
  };
  const draw = (wave: 1 | 2, keep: Map<string, DemoTie>): DemoTie[] => {
    const present = actors.filter((a) => a.waves.includes(wave));
    const ties: DemoTie[] = [];
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const a = present[i];
        const b = present[j];
        const key = `${a.key} ${b.key}`;
        const earlier = keep.get(key);
        const roll = random();
        if (earlier) {
          // Five in six ties survive a year; a surviving tie may change its frequency.
          if (roll < 5 / 6)
            ties.push({
              ...earlier,
              weight: Math.max(
                1,
                Math.min(4, earlier.weight + (random() < 0.3 ? (random() < 0.5 ? -1 : 1) : 0)),
              ),
            });
          continue;
        }
        if (
          roll <
          affinity(specByKey.get(a.key) as DemoActorSpec, specByKey.get(b.key) as DemoActorSpec, wave) *
            (wave === 2 ? 0.35 : 1)
        ) {
          ties.push({
            source: a.key,
            target: b.key,
            type: TIE_TYPE_CHOICES[Math.floor(random() * TIE_TYPE_CHOICES.length)],
            weight: 1 + Math.floor(random() * 4),
          });
        }
      }
    }
    return ties;
  };
  const wave1 = draw(1, new Map());
  const wave2 = draw(2, new Map(wave1.map((t) => [`${t.source} ${t.target}`, t])));
  return { actors, wave1, wave2 };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
