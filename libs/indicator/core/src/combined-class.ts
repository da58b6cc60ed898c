import { IndicatorError } from './indicator-error';

/**
 * How two index classes (status × dynamics) combine into one group code. Berlin's overall
 * index (GISU) writes the status code followed by the dynamics code (`2-`, `1+/-`) and
 * publishes a numeric code `factor · status + dynamics` with dynamics numbered 1/3/5.
 */
export interface CombinedClassScheme {
  first: Readonly<Record<string, number>>;
  second: Readonly<Record<string, number>>;
  factor: number;
}

export interface CombinedClass {
  code: string;
  numeric: number;
}

/** Berlin MSS 2013–2021: status 1 hoch … 4 sehr niedrig × dynamics + (1), +/- (3), - (5). */
export const BERLIN_MSS_COMBINED_SCHEME: CombinedClassScheme = {
  first: { '1': 1, '2': 2, '3': 3, '4': 4 },
  second: { '+': 1, '+/-': 3, '-': 5 },
  factor: 10,
};

/**
 * The code of a combined group: the first class's code followed by the second's (Berlin `2-`), in
 * every scheme, including codes no scheme knows (a combined layout of two arbitrary indices).
 */
export function combinedClassCode(firstCode: string, secondCode: string): string {
  return `${firstCode}${secondCode}`;
}

/** Combines two class codes, e.g. `combineClasses('2', '-')` → `{ code: '2-', numeric: 25 }`. */
export function combineClasses(
  firstCode: string,
  secondCode: string,
  scheme: CombinedClassScheme = BERLIN_MSS_COMBINED_SCHEME,
): CombinedClass {
  const first = scheme.first[firstCode];
  const second = scheme.second[secondCode];
  if (first === undefined)
    throw new IndicatorError(
      'InvalidInput',
      `unknown first class code "${firstCode}" (known: ${Object.keys(scheme.first).join(', ')})`,
    );
  if (second === undefined)
    throw new IndicatorError(
      'InvalidInput',
      `unknown second class code "${secondCode}" (known: ${Object.keys(scheme.second).join(', ')})`,
    );
  return { code: combinedClassCode(firstCode, secondCode), numeric: scheme.factor * first + second };
}

/** All combined groups of a scheme in numeric order (Berlin: 12 groups, `1+` = 11 … `4-` = 45). */
export function combinedClassCatalogue(
  scheme: CombinedClassScheme = BERLIN_MSS_COMBINED_SCHEME,
): CombinedClass[] {
  return Object.keys(scheme.first)
    .flatMap((a) => Object.keys(scheme.second).map((b) => combineClasses(a, b, scheme)))
    .sort((x, y) => x.numeric - y.numeric);
}
