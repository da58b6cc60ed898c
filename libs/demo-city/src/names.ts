import { shuffled } from './random';

// Word stems of German place and street names; combined with endings they give names that sound
// like a real town without being one.
const STEMS = [
  'Linden',
  'Birken',
  'Eichen',
  'Buchen',
  'Erlen',
  'Ahorn',
  'Kastanien',
  'Ulmen',
  'Tannen',
  'Weiden',
  'Rosen',
  'Flieder',
  'Holunder',
  'Mühlen',
  'Kirch',
  'Brunnen',
  'Bach',
  'Wiesen',
  'Garten',
  'Sonnen',
  'Stern',
  'Schloss',
  'Burg',
  'Markt',
  'Hafen',
  'Berg',
  'Quellen',
  'Auen',
  'Fuchs',
  'Hasen',
  'Falken',
  'Lerchen',
  'Amsel',
  'Finken',
  'Schwalben',
  'Kranich',
  'Biber',
  'Heide',
  'Moor',
  'Wald',
  'Ziegel',
  'Stein',
  'Glocken',
  'Kloster',
  'Hopfen',
  'Weinberg',
  'Obstgarten',
  'Rüben',
  'Hirsch',
  'Kiefern',
];
const QUARTER_ENDINGS = ['hof', 'au', 'feld', 'heim', 'hausen', 'dorf', 'grund', 'höhe', 'winkel', 'tal'];
const SQUARE_ENDINGS = ['platz', 'park', 'anger', 'markt', 'garten'];
const STREET_ENDINGS = [
  'straße',
  'weg',
  'allee',
  'ring',
  'gasse',
  'damm',
  'ufer',
  'steig',
  'pfad',
  'chaussee',
];
const COMPASS = [
  'Nordstadt',
  'Nordost',
  'Oststadt',
  'Südost',
  'Südstadt',
  'Südwest',
  'Weststadt',
  'Nordwest',
];
const DISTRICT_NAMES = [
  'Altstadt',
  'Neustadt',
  'Lindenau',
  'Eichwalde',
  'Rosenthal',
  'Mühlhausen',
  'Bergheim',
  'Auenfeld',
  'Falkenberg',
  'Heidekamp',
  'Steinbach',
  'Wiesental',
  'Klosterfeld',
  'Sonnenberg',
  'Birkenwerder',
  'Hafenviertel',
  'Burgdorf',
  'Waldhausen',
  'Kirchdorf',
  'Quellental',
  'Moorfeld',
  'Ulmenhain',
];

/** Hands out unique, reproducible names for the levels of the demo city. */
export class CityNames {
  private readonly used = new Set<string>();
  private readonly quarters: string[];
  private readonly squares: string[];
  private readonly streets: string[];
  private readonly districts: string[];

  constructor(random: () => number) {
    const combine = (endings: readonly string[], prefix = '') =>
      shuffled(
        STEMS.flatMap((stem) => endings.map((ending) => `${prefix}${stem}${ending}`)),
        random,
      );
    this.quarters = combine(QUARTER_ENDINGS);
    this.squares = combine(SQUARE_ENDINGS, 'Am ');
    this.streets = combine(STREET_ENDINGS);
    this.districts = shuffled(DISTRICT_NAMES, random);
  }

  /** "Innenstadt" for the central district, compass names for the others while they last. */
  district(bearing: number | null): string {
    if (bearing === null) return this.take(['Innenstadt'], this.districts);
    const octant = Math.round(bearing / (Math.PI / 4)) % 8;
    return this.take([COMPASS[octant]], this.districts);
  }

  quarter(): string {
    return this.take(this.quarters);
  }

  square(): string {
    return this.take(this.squares);
  }

  street(): string {
    return this.take(this.streets);
  }

  private take(...pools: string[][]): string {
    for (const pool of pools) {
      const name = pool.find((candidate) => !this.used.has(candidate));
      if (name) {
        this.used.add(name);
        return name;
      }
    }
    // Past the pools (cities of thousands of areas), names get a number like "Lindenweg 2".
    const base = pools[pools.length - 1][0];
    for (let n = 2; ; n++) {
      const name = `${base} ${n}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        pools[pools.length - 1].push(pools[pools.length - 1].shift() as string);
        return name;
      }
    }
  }
}
