import { AREA_CODE_MAX_LENGTH, bidiProblem, NAME_MAX_LENGTH, textProblem } from '@quartier/contracts';
import { z } from 'zod';
import {
  type FeatureProblem,
  type FeatureProblemCode,
  type FeatureProblemParams,
  featureProblem,
} from './feature-problems';
import { geometryProblem } from './geometry';
import type { Geometry } from 'geojson';

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

/** A refused feature: which one, and why (code and values for translations, `reason` in English). */
export interface FeatureError extends FeatureProblem {
  /** 0-based index of the feature in the FeatureCollection. */
  readonly feature: number;
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
      for (const problem of problems.problems) this.record({ feature: index, ...problem });
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

  private problemsOf(
    index: number,
    feature: unknown,
  ): { problems: FeatureProblem[]; area: ImportedArea | null } {
    const problems: FeatureProblem[] = [];
    const problem = (code: FeatureProblemCode, params?: FeatureProblemParams) =>
      problems.push(featureProblem(code, params));
    if (!feature || typeof feature !== 'object' || (feature as { type?: unknown }).type !== 'Feature') {
      return { problems: [featureProblem('NotAFeature')], area: null };
    }
    const { properties, geometry } = feature as {
      properties?: Record<string, unknown> | null;
      geometry?: unknown;
    };
    const props = properties ?? {};
    const { codeProperty, nameProperty, populationProperty } = this.options;
    const code = scalarText(props[codeProperty]);
    const name = scalarText(props[nameProperty]);
    const codeProblem = code === null ? null : textProblem(code);
    if (!code) problem('CodeMissing', { property: codeProperty });
    else if (codeProblem) problem('CodeUnstorable', { property: codeProperty, problem: codeProblem });
    else if (code.length > AREA_CODE_MAX_LENGTH)
      problem('CodeTooLong', { code: code.slice(0, 20), max: AREA_CODE_MAX_LENGTH });
    if (!name) problem('NameMissing', { property: nameProperty });
    else {
      const nameProblem = this.nameProblem(name);
      if (nameProblem) problems.push(nameProblem);
    }
    if (code && !codeProblem) {
      const first = this.seenCodes.get(code);
      if (first !== undefined) problem('DuplicateCode', { code, first });
      else this.seenCodes.set(code, index);
    }
    let population: number | null = null;
    if (populationProperty) {
      const raw = props[populationProperty];
      if (raw !== undefined && raw !== null && raw !== '') {
        const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
        if (!Number.isInteger(n) || n < 0)
          problem('InvalidPopulation', { property: populationProperty, value: JSON.stringify(raw) });
        else population = n;
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

  /**
   * The API's rule for names (nameText: length, unstorable text, bidi controls) as a problem;
   * null when fine. The name is already trimmed and not empty.
   */
  private nameProblem(name: string): FeatureProblem | null {
    const property = this.options.nameProperty;
    if (name.length > NAME_MAX_LENGTH)
      return featureProblem('NameTooLong', { property, max: NAME_MAX_LENGTH });
    const unstorable = textProblem(name);
    if (unstorable) return featureProblem('NameUnstorable', { property, problem: unstorable });
    const misleading = bidiProblem(name);
    return misleading ? featureProblem('NameMisleading', { property, problem: misleading }) : null;
  }

  private resolveParent(
    code: string,
    props: Record<string, unknown>,
    problems: FeatureProblem[],
  ): string | null {
    if (!this.parents.hasParentLevel || this.options.parentFrom === 'none') {
      if (this.parents.hasParentLevel) problems.push(featureProblem('ParentRequired'));
      return null;
    }
    if (this.options.parentFrom === 'property') {
      const property = this.options.parentProperty as string;
      const parent = scalarText(props[property]);
      if (!parent) {
        problems.push(featureProblem('ParentCodeMissing', { property }));
        return null;
      }
      if (!this.parents.parentCodes.has(parent)) {
        problems.push(featureProblem('UnknownParent', { parent }));
        return null;
      }
      return parent;
    }
    for (const length of this.parentCodesByLength) {
      if (length >= code.length) continue;
      const prefix = code.slice(0, length);
      if (this.parents.parentCodes.has(prefix)) return prefix;
    }
    problems.push(featureProblem('NoParentByPrefix', { code }));
    return null;
  }
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
