import {
  AREA_CODE_MAX_LENGTH,
  describeTextProblem,
  nameText,
  NAME_MAX_LENGTH,
  textProblem,
} from '@quartier/contracts';
import { z } from 'zod';
import { geometryProblem } from './geometry';
import type { Geometry } from 'geojson';

/** Built once: a zod schema per feature was a tenth of a large import's CPU. */
const NAME_SCHEMA = nameText();

/** How the properties of an imported GeoJSON feature map onto an area. */
export const areaImportOptionsSchema = z
  .object({
    level: z.string().min(1),
    codeProperty: z.string().min(1).default('id'),
    nameProperty: z.string().min(1).default('name'),
    /**
     * `code-prefix`: the parent is the area of the level above whose code is the longest prefix
     * of this code (hierarchical codes like Berlin's BBPPRRLL); `property`: a property holds it.
     */
    parentFrom: z.enum(['code-prefix', 'property', 'none']).default('code-prefix'),
    parentProperty: z.string().min(1).optional(),
    populationProperty: z.string().min(1).optional(),
    validFrom: z.iso.date().default('2000-01-01'),
  })
  .refine((o) => o.parentFrom !== 'property' || o.parentProperty, {
    message: 'parentProperty is required when parentFrom=property',
    path: ['parentProperty'],
  });
export type AreaImportOptions = z.infer<typeof areaImportOptionsSchema>;

export interface FeatureError {
  /** 0-based index of the feature in the FeatureCollection. */
  feature: number;
  reason: string;
}

export interface ImportedArea {
  feature: number;
  code: string;
  name: string;
  parentCode: string | null;
  population: number | null;
  geometry: Geometry;
}

export interface ParentLookup {
  /** Whether the import's level has a level above it at all. */
  hasParentLevel: boolean;
  /** Codes of the existing areas of the parent level (same area version). */
  parentCodes: ReadonlySet<string>;
}

/**
 * Validates features one at a time (the file is streamed) and remembers codes seen so far, so
 * duplicates are found without holding the whole collection. All errors are collected; the
 * caller commits only when there are none (all-or-nothing).
 */
export class AreaImportValidator {
  private readonly seenCodes = new Map<string, number>();
  readonly errors: FeatureError[] = [];
  private readonly parentCodesByLength: number[];

  constructor(
    private readonly options: AreaImportOptions,
    private readonly parents: ParentLookup,
    private readonly maxErrors = 1000,
  ) {
    this.parentCodesByLength = [...new Set([...parents.parentCodes].map((c) => c.length))].sort(
      (a, b) => b - a,
    );
  }

  /** Returns the area to write, or null when the feature is invalid (its errors are recorded). */
  accept(index: number, feature: unknown): ImportedArea | null {
    const problems = this.problemsOf(index, feature);
    if (problems.problems.length > 0) {
      for (const reason of problems.problems) this.record({ feature: index, reason });
      return null;
    }
    return problems.area;
  }

  get truncated(): boolean {
    return this.errors.length >= this.maxErrors;
  }

  private record(error: FeatureError): void {
    if (this.errors.length < this.maxErrors) this.errors.push(error);
  }

  private problemsOf(index: number, feature: unknown): { problems: string[]; area: ImportedArea | null } {
    const problems: string[] = [];
    if (!feature || typeof feature !== 'object' || (feature as { type?: unknown }).type !== 'Feature') {
      return { problems: ['not a GeoJSON Feature'], area: null };
    }
    const { properties, geometry } = feature as {
      properties?: Record<string, unknown> | null;
      geometry?: unknown;
    };
    const props = properties ?? {};
    const code = scalarText(props[this.options.codeProperty]);
    const name = scalarText(props[this.options.nameProperty]);
    const codeProblem = code === null ? null : textProblem(code);
    if (!code) problems.push(`property "${this.options.codeProperty}" (code) is missing or empty`);
    else if (codeProblem)
      problems.push(`property "${this.options.codeProperty}" (code) ${describeTextProblem(codeProblem)}`);
    else if (code.length > AREA_CODE_MAX_LENGTH)
      problems.push(`code "${code.slice(0, 20)}…" is longer than ${AREA_CODE_MAX_LENGTH} characters`);
    if (!name) problems.push(`property "${this.options.nameProperty}" (name) is missing or empty`);
    else {
      const nameProblem = this.nameProblem(name);
      if (nameProblem) problems.push(`property "${this.options.nameProperty}" (name) ${nameProblem}`);
    }
    if (code && !codeProblem) {
      const first = this.seenCodes.get(code);
      if (first !== undefined) problems.push(`code "${code}" was already used by feature ${first}`);
      else this.seenCodes.set(code, index);
    }
    let population: number | null = null;
    if (this.options.populationProperty) {
      const raw = props[this.options.populationProperty];
      if (raw !== undefined && raw !== null && raw !== '') {
        const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
        if (!Number.isInteger(n) || n < 0) {
          problems.push(
            `property "${this.options.populationProperty}" (population) must be a non-negative whole number, got ${JSON.stringify(raw)}`,
          );
        } else population = n;
      }
    }
    const parentCode = code ? this.resolveParent(code, props, problems) : null;
    const geometryIssue = geometryProblem(geometry);
    if (geometryIssue) problems.push(geometryIssue);
    if (problems.length > 0 || !code || !name) return { problems, area: null };
    return {
      problems,
      area: { feature: index, code, name, parentCode, population, geometry: geometry as Geometry },
    };
  }

  /** The API's rule for names (length, unstorable text, bidi controls), as a reason; null when fine. */
  private nameProblem(name: string): string | null {
    const parsed = NAME_SCHEMA.safeParse(name);
    if (parsed.success) return null;
    const issue = parsed.error.issues[0];
    return issue.code === 'custom' ? issue.message : `is longer than ${NAME_MAX_LENGTH} characters`;
  }

  private resolveParent(code: string, props: Record<string, unknown>, problems: string[]): string | null {
    if (!this.parents.hasParentLevel || this.options.parentFrom === 'none') {
      if (this.parents.hasParentLevel)
        problems.push('the level has a parent level, so parentFrom cannot be none');
      return null;
    }
    if (this.options.parentFrom === 'property') {
      const parent = scalarText(props[this.options.parentProperty as string]);
      if (!parent) {
        problems.push(`property "${this.options.parentProperty}" (parent code) is missing`);
        return null;
      }
      if (!this.parents.parentCodes.has(parent)) {
        problems.push(`parent area "${parent}" does not exist on the level above`);
        return null;
      }
      return parent;
    }
    for (const length of this.parentCodesByLength) {
      if (length >= code.length) continue;
      const prefix = code.slice(0, length);
      if (this.parents.parentCodes.has(prefix)) return prefix;
    }
    problems.push(`no area on the level above has a code that is a prefix of "${code}"`);
    return null;
  }
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
