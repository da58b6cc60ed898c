// Pure, immutable edits of the questionnaire model for the form builder. A node is addressed
// by its path of child indexes from the form's root (e.g. [2, 0] = first child of the third node).
import type {
  ChoiceList,
  FormModel,
  FormNode,
  GeometryFeature,
  GroupNode,
  QuestionNode,
  QuestionType,
} from './survey-api';

export type NodePath = readonly number[];

/** Question types the builder offers, with the XLSForm name each stands for. */
export const QUESTION_TYPES = [
  'text',
  'integer',
  'decimal',
  'date',
  'select_one',
  'select_multiple',
  'rank',
  'area',
  'note',
  'calculate',
] as const satisfies readonly QuestionType[];
export const LIST_TYPES = new Set(['select_one', 'select_multiple', 'rank', 'area']);

export function emptyForm(title: string): FormModel {
  const formId = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, '_$1');
  return {
    settings: { formId: formId || 'fragebogen', title, defaultLanguage: 'de', extra: {} },
    children: [],
    choiceLists: [],
  };
}

export function nodeAt(form: FormModel, path: NodePath): FormNode | undefined {
  let nodes: readonly FormNode[] = form.children;
  let node: FormNode | undefined;
  for (const index of path) {
    node = nodes[index];
    if (!node) return undefined;
    nodes = node.kind === 'group' ? node.children : [];
  }
  return node;
}

function updateChildren(
  nodes: readonly FormNode[],
  path: NodePath,
  update: (siblings: FormNode[], index: number) => FormNode[],
): FormNode[] {
  const [head, ...rest] = path;
  if (rest.length === 0) return update([...nodes], head);
  return nodes.map((node, i) =>
    i === head && node.kind === 'group'
      ? { ...node, children: updateChildren(node.children, rest, update) }
      : node,
  );
}

export function replaceNode(form: FormModel, path: NodePath, node: FormNode): FormModel {
  return {
    ...form,
    children: updateChildren(form.children, path, (siblings, i) =>
      siblings.map((s, j) => (j === i ? node : s)),
    ),
  };
}

export function removeNode(form: FormModel, path: NodePath): FormModel {
  return {
    ...form,
    children: updateChildren(form.children, path, (siblings, i) => siblings.filter((_, j) => j !== i)),
  };
}

/** Moves a node one place up (-1) or down (+1) among its siblings; returns the new path. */
export function moveNode(
  form: FormModel,
  path: NodePath,
  delta: -1 | 1,
): { form: FormModel; path: NodePath } {
  const index = path[path.length - 1];
  let moved = false;
  const next = {
    ...form,
    children: updateChildren(form.children, path, (siblings, i) => {
      const j = i + delta;
      if (j < 0 || j >= siblings.length) return siblings;
      [siblings[i], siblings[j]] = [siblings[j], siblings[i]];
      moved = true;
      return siblings;
    }),
  };
  return { form: next, path: moved ? [...path.slice(0, -1), index + delta] : path };
}

/** Inserts after `after` (same parent), or into the group at `after` when it is a group and `into` is set, or at the end. */
export function insertNode(
  model: FormModel,
  node: FormNode,
  after: NodePath | null,
  into = false,
): { form: FormModel; path: NodePath } {
  if (after === null || after.length === 0)
    return { form: { ...model, children: [...model.children, node] }, path: [model.children.length] };
  const target = nodeAt(model, after);
  if (into && target?.kind === 'group') {
    const path = [...after, target.children.length];
    return { form: replaceNode(model, after, { ...target, children: [...target.children, node] }), path };
  }
  const index = after[after.length - 1] + 1;
  return {
    form: {
      ...model,
      children: updateChildren(model.children, after, (siblings) => [
        ...siblings.slice(0, index),
        node,
        ...siblings.slice(index),
      ]),
    },
    path: [...after.slice(0, -1), index],
  };
}

function namesInUse(form: FormModel): Set<string> {
  const used = new Set<string>();
  const walk = (nodes: readonly FormNode[]) =>
    nodes.forEach((n) => {
      used.add(n.name);
      if (n.kind === 'group') walk(n.children);
    });
  walk(form.children);
  return used;
}

function nameInUse(form: FormModel, name: string): boolean {
  return namesInUse(form).has(name);
}

/** A name not used yet by any question or group (`frage_3`, …). */
export function freshName(form: FormModel, stem: string): string {
  const used = namesInUse(form);
  for (let i = 1; ; i++) if (!used.has(`${stem}_${i}`)) return `${stem}_${i}`;
}

export function newQuestion(form: FormModel, type: QuestionType): QuestionNode {
  const question: QuestionNode = {
    kind: 'question',
    type,
    name: freshName(form, 'frage'),
    label: { de: '' },
    hint: {},
    required: false,
    requiredMessage: {},
    constraintMessage: {},
    readOnly: false,
    extra: {},
  };
  // No silent choice of an existing list: a select question picks its list in the builder (until
  // then the check reports it), an area question gets a list of its own, filled from the
  // target areas — never one holding a scale or other answers.
  if (LIST_TYPES.has(type)) question.listName = type === 'area' ? freshListName(form, 'gebiete') : '';
  if (type === 'select_one') question.likert = false;
  if (type === 'area') question.method = 'choice';
  if (type === 'calculate') question.calculation = '';
  return question;
}

export function newGroup(form: FormModel, repeat: boolean): GroupNode {
  return {
    kind: 'group',
    repeat,
    name: freshName(form, repeat ? 'wiederholung' : 'abschnitt'),
    label: { de: '' },
    extra: {},
    children: [],
  };
}

/** A list name not used yet (`gebiete`, `gebiete_2`, …). */
export function freshListName(form: FormModel, stem: string): string {
  const used = new Set(form.choiceLists.map((l) => l.name));
  if (!used.has(stem)) return stem;
  for (let i = 2; ; i++) if (!used.has(`${stem}_${i}`)) return `${stem}_${i}`;
}

export function upsertList(form: FormModel, list: ChoiceList, previousName?: string): FormModel {
  const name = previousName ?? list.name;
  const exists = form.choiceLists.some((l) => l.name === name);
  return {
    ...form,
    choiceLists: exists
      ? form.choiceLists.map((l) => (l.name === name ? list : l))
      : [...form.choiceLists, list],
  };
}

/** What building the area list did, so the button can say so. */
export interface AreaListSync {
  readonly form: FormModel;
  readonly list: string;
  readonly question: string;
  readonly areas: number;
  /** `updated`: the area question's own list was refilled; `created`: a new list was made. */
  readonly listAction: 'created' | 'updated';
  /** The area question was added (the form had none). */
  readonly questionAdded: boolean;
  /** The list the area question used before, when it was not an area list (it is left as it was). */
  readonly keptList?: string;
}

function findAreaQuestion(nodes: readonly FormNode[]): QuestionNode | undefined {
  for (const n of nodes) {
    const found = n.kind === 'group' ? findAreaQuestion(n.children) : n.type === 'area' ? n : undefined;
    if (found) return found;
  }
  return undefined;
}

function listUsers(nodes: readonly FormNode[], list: string): QuestionNode[] {
  return nodes.flatMap((n) =>
    n.kind === 'group' ? listUsers(n.children, list) : n.listName === list ? [n] : [],
  );
}

function retarget(nodes: readonly FormNode[], question: string, listName: string): FormNode[] {
  return nodes.map((n) =>
    n.kind === 'group'
      ? { ...n, children: retarget(n.children, question, listName) }
      : n.name === question
        ? { ...n, listName }
        : n,
  );
}

/**
 * Makes the area-of-residence question choose among the survey's target areas: one choice per
 * area (name = area code, label = area name). Only a list that nothing but area questions use is
 * refilled; a list another question uses (a scale, say) is never touched — the area question
 * gets a new list of its own instead.
 */
export function syncAreaList(form: FormModel, areas: readonly { key: string; name: string }[]): AreaListSync {
  const existing = findAreaQuestion(form.children);
  const current = existing?.listName ?? '';
  const ownList =
    current !== '' &&
    form.choiceLists.some((l) => l.name === current) &&
    listUsers(form.children, current).every((q) => q.type === 'area');
  const listName = ownList ? current : freshListName(form, 'gebiete');
  const list: ChoiceList = {
    name: listName,
    choices: areas.map((a) => ({ name: a.key, label: { de: a.name }, properties: {} })),
  };
  let next = upsertList(form, list);
  let question = existing?.name ?? 'gebiet';
  if (existing) {
    if (!ownList) next = { ...next, children: retarget(next.children, existing.name, listName) };
  } else {
    const added: QuestionNode = {
      ...newQuestion(next, 'area'),
      name: nameInUse(next, 'gebiet') ? freshName(next, 'gebiet') : 'gebiet',
      label: { de: 'In welchem Gebiet wohnen Sie?', en: 'Which area do you live in?' },
      required: true,
      listName,
      method: 'choice',
    };
    question = added.name;
    next = { ...next, children: [added, ...next.children] };
  }
  return {
    form: next,
    list: listName,
    question,
    areas: areas.length,
    listAction: ownList ? 'updated' : 'created',
    questionAdded: !existing,
    ...(existing && !ownList && current !== '' && form.choiceLists.some((l) => l.name === current)
      ? { keptList: current }
      : {}),
  };
}

/** Problems of one node (`question x` / `group x`) from the service's check. */
export function problemsOf<P extends { target: string; field: string }>(
  problems: readonly P[],
  node: FormNode | undefined,
): P[] {
  if (!node) return [];
  return problems.filter((p) => p.target === `${node.kind} ${node.name}`);
}

/** How the form's area-of-residence question places respondents (first area question outside repeats). */
export function areaMethodOf(form: FormModel): 'choice' | 'postcode' | 'point' | undefined {
  for (const node of form.children) {
    if (node.kind === 'question' && node.type === 'area') return node.method ?? 'choice';
    if (node.kind === 'group' && !node.repeat) {
      const inner = areaMethodOf({ ...form, children: node.children });
      if (inner) return inner;
    }
  }
  return undefined;
}

type Position = [lon: number, lat: number];

/** Six decimals ≈ 0.1 m: enough to place a home, and it keeps the upload far below the size limit. */
function position(value: unknown): Position[] {
  if (!Array.isArray(value) || typeof value[0] !== 'number' || typeof value[1] !== 'number') return [];
  return [[Math.round(value[0] * 1e6) / 1e6, Math.round(value[1] * 1e6) / 1e6]];
}
const ring = (value: unknown): Position[] => (Array.isArray(value) ? value.flatMap(position) : []);
const polygon = (value: unknown): Position[][] => (Array.isArray(value) ? value.map(ring) : []);
const multiPolygon = (value: unknown): Position[][][] => (Array.isArray(value) ? value.map(polygon) : []);

/**
 * The target areas' boundaries out of the registry's GeoJSON (possibly several levels), as the
 * survey service's `PUT …/area-geometries` takes them: only target areas, only id and geometry
 * (names and populations are none of the public form's business), coordinates rounded. Returns
 * the codes of target areas without a boundary too, so the builder can say which ones are missing.
 */
export function targetAreaGeometries(
  collections: readonly {
    readonly features: readonly {
      readonly id: string;
      readonly geometry: { readonly type: string; readonly coordinates: unknown } | null;
    }[];
  }[],
  targets: readonly { readonly areaId: string; readonly key: string }[],
): { collection: { type: 'FeatureCollection'; features: GeometryFeature[] }; missing: string[] } {
  const wanted = new Set(targets.map((t) => t.areaId));
  const features = new Map<string, GeometryFeature>();
  for (const collection of collections) {
    for (const feature of collection.features) {
      const geometry = feature.geometry;
      if (!wanted.has(feature.id) || features.has(feature.id) || !geometry) continue;
      if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') continue;
      features.set(feature.id, {
        type: 'Feature',
        id: feature.id,
        geometry:
          geometry.type === 'Polygon'
            ? { type: 'Polygon', coordinates: polygon(geometry.coordinates) }
            : { type: 'MultiPolygon', coordinates: multiPolygon(geometry.coordinates) },
      });
    }
  }
  return {
    collection: {
      type: 'FeatureCollection',
      features: targets
        .map((t) => features.get(t.areaId))
        .filter((f): f is GeometryFeature => f !== undefined),
    },
    missing: targets.filter((t) => !features.has(t.areaId)).map((t) => t.key),
  };
}

/**
 * Splits boundaries into request bodies below `maxBytes` (the services take 1 MB of JSON; a city's
 * planning areas are more): the first part replaces what the survey holds, the others append.
 */
export function geometryParts<F>(features: readonly F[], maxBytes = 700_000): F[][] {
  const parts: F[][] = [];
  let current: F[] = [];
  let size = 0;
  for (const feature of features) {
    const bytes = JSON.stringify(feature).length + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      parts.push(current);
      current = [];
      size = 0;
    }
    current.push(feature);
    size += bytes;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
