import { drawTieWaves, type DemoTie } from '@quartier/demo-city';
import { seededRandom } from '@quartier/network-core';
import type { ActorKind, OfferingType, Sector } from '../network.constants';
import type { MittePlanningArea } from './mitte-planning-areas';

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

export interface DemoNetwork {
  readonly actors: DemoActor[];
  readonly wave1: readonly DemoTie[];
  readonly wave2: readonly DemoTie[];
}

/**
 * The Mitte demo network: 60 actors across the five sectors in Mitte's planning areas (as read
 * from the reference data), two waves a year apart drawn by `drawTieWaves`. A few actors leave
 * or join between the waves. Same seed and areas, same network.
 */
export function buildMitteDemoNetwork(
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
  const actors: DemoActor[] = SPECS.map((spec) => {
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
      offerings: spec.offerings.map(([type, description]) => ({ type, description })),
      contact,
      waves: spec.only ? [spec.only] : [1, 2],
    };
  });
  const specByKey = new Map(SPECS.map((s) => [s.key, s]));
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
