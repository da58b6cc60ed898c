/// <reference lib="dom" />
// The answers as they stand in the page, read into scopes: the submission and each repeat
// instance, with the raw field values and the core's coerced ones.
import {
  type AnswerScope,
  type AnswerValue,
  type CompiledForm,
  type FormNode,
  coerceAnswer,
  compiledQuestion,
} from '@quartier/survey-core/browser';
import type { Raw } from './definition';
import { byId } from './dom';

/** Answers of one scope (the submission or a repeat instance), as the core's validator sees them. */
export interface Scope extends AnswerScope {
  readonly raw: Raw;
  readonly values: Map<string, AnswerValue>;
  readonly children: Map<string, Scope[]>;
  readonly parent?: Scope;
}

/** One question's answer from its fields (`prefix` names the repeat instance); undefined when empty. */
export function readField(
  formEl: HTMLFormElement,
  q: FormNode & { kind: 'question' },
  prefix: string,
): unknown {
  const pid = `${prefix}${q.name}`;
  if (q.type === 'rank') {
    const selects = [...formEl.querySelectorAll<HTMLSelectElement>(`select[data-rank="${CSS.escape(pid)}"]`)];
    const ranked = selects.filter((s) => s.value !== '' && !s.closest<HTMLElement>('[data-choice]')?.hidden);
    if (ranked.length === 0) return undefined;
    return ranked.sort((a, b) => Number(a.value) - Number(b.value)).map((s) => s.dataset['option'] as string);
  }
  if (q.type === 'area' && q.method === 'point') {
    // German keyboards type decimal commas; the geopoint text wants points.
    const read = (axis: string) =>
      (byId<HTMLInputElement>(`f-${pid}-${axis}`)?.value ?? '').trim().replace(',', '.');
    const [lat, lon] = [read('lat'), read('lon')];
    return lat === '' && lon === '' ? undefined : `${lat} ${lon}`;
  }
  const single = byId<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`f-${pid}`);
  if (single) return single.value === '' ? undefined : single.value;
  const boxes = [...formEl.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(pid)}"]`)];
  if (boxes.length === 0) return undefined;
  if (q.type === 'select_multiple') {
    const checked = boxes
      .filter((b) => b.checked && !b.closest<HTMLElement>('[data-choice]')?.hidden)
      .map((b) => b.value);
    return checked.length > 0 ? checked : undefined;
  }
  return boxes.find((b) => b.checked)?.value;
}

export function buildScope(
  formEl: HTMLFormElement,
  compiled: CompiledForm,
  nodes: readonly FormNode[],
  prefix: string,
  depth: number,
  parent?: Scope,
): Scope {
  const scope: Scope = {
    prefix,
    raw: {},
    values: new Map(),
    children: new Map(),
    depth,
    ...(parent ? { parent } : {}),
  };
  const visit = (list: readonly FormNode[]): void => {
    for (const node of list) {
      if (node.kind === 'group' && !node.repeat) visit(node.children);
      else if (node.kind === 'group') {
        const pid = `${prefix}${node.name}`;
        const instances = [...(byId(`i-${pid}`)?.children ?? [])] as HTMLElement[];
        scope.children.set(
          node.name,
          instances.map((el) =>
            buildScope(formEl, compiled, node.children, el.dataset['instance'] as string, depth + 1, scope),
          ),
        );
      } else {
        const raw = readField(formEl, node, prefix);
        if (raw === undefined) continue;
        scope.raw[node.name] = raw;
        const coerced = coerceAnswer(compiledQuestion(compiled, node), raw);
        if ('value' in coerced) scope.values.set(node.name, coerced.value);
      }
    }
  };
  visit(nodes);
  return scope;
}

export function findScope(scope: Scope, prefix: string): Scope | undefined {
  if (scope.prefix === prefix) return scope;
  for (const children of scope.children.values()) {
    for (const child of children) {
      const found = findScope(child, prefix);
      if (found) return found;
    }
  }
  return undefined;
}
