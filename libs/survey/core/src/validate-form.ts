// Semantic checks on a questionnaire model, independent of where it came from. The XLSForm
// importer maps each issue to a sheet row and column; the portal's form builder maps it to the
// edited item. Issues point at model objects by identity, so duplicate names stay distinguishable.
import { MAX_REPEAT_INSTANCES } from './answers';
import { analyseExpressionIssues } from './expression/evaluate';
import { ExpressionSyntaxError, type Expr, parseExpression, referencedFields } from './expression/parser';
import { toNumber } from './expression/values';
import {
  type FormIssueCause,
  type FormIssueCode,
  type FormIssueParams,
  type FormIssueSeverity,
  formIssueCause,
  formIssueReason,
  formIssueSeverity,
} from './form-issue-codes';
import {
  type Choice,
  type ChoiceList,
  type Form,
  type FormNode,
  type Group,
  type Question,
  findChoiceList,
  formLanguages,
  formQuestions,
  isMatrixGroup,
  isSelectLike,
  likertScale,
} from './model';

export type ModelField =
  | 'type'
  | 'name'
  | 'label'
  | 'relevant'
  | 'constraint'
  | 'calculation'
  | 'required'
  | 'choice_filter'
  | 'repeat_count'
  | 'appearance'
  | 'parameters'
  | 'list_name'
  | 'form_id'
  | 'default_language';

export type ModelTarget = FormNode | Choice | ChoiceList | 'settings';

export interface ModelIssue {
  readonly target: ModelTarget;
  readonly field: ModelField;
  /** The English sentence; `code` and `params` say the same for translations. */
  readonly reason: string;
  readonly code: FormIssueCode;
  readonly params: FormIssueParams;
  /** A warning leaves the form valid (see `formIssueSeverity`). */
  readonly severity: FormIssueSeverity;
  /** For duplicates: the first object that used the name. */
  readonly duplicateOf?: ModelTarget;
}

/** A valid name: what XForms allows as an element name (letters, digits, `_ - .`, not leading digit). */
export const NAME_PATTERN = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;

const UNLABELLED_TYPES = new Set(['calculate', 'start', 'end', 'today']);

interface NodeInfo {
  readonly node: FormNode;
  /** Names of the repeat groups enclosing the node, outermost first (including itself if a repeat). */
  readonly repeats: readonly string[];
}

/** The expression fields of a node with their parsed form, shared by validation and compilation. */
export function nodeExpressions(node: FormNode): { field: ModelField; source: string }[] {
  const out: { field: ModelField; source: string }[] = [];
  const add = (field: ModelField, source: string | undefined): void => {
    if (source !== undefined && source.trim() !== '') out.push({ field, source });
  };
  add('relevant', node.relevant);
  if (node.kind === 'group') {
    add('repeat_count', node.repeatCount);
    return out;
  }
  add('constraint', node.constraint);
  add('calculation', node.calculation);
  if (typeof node.required === 'string') add('required', node.required);
  if (isSelectLike(node)) add('choice_filter', node.choiceFilter);
  return out;
}

/** The choice-sheet columns a choice_filter may name: `name` and every column some choice fills. */
export function choiceColumnsOf(list: ChoiceList | undefined): Set<string> {
  return new Set(['name', ...(list?.choices.flatMap((c) => Object.keys(c.properties)) ?? [])]);
}

/** The issues that make a form invalid (warnings leave it valid). */
export function formErrors<T extends { readonly severity: FormIssueSeverity }>(issues: readonly T[]): T[] {
  return issues.filter((issue) => issue.severity === 'error');
}

export function validateFormModel(form: Form): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const issue: Report = (target, field, code, params = {}, duplicateOf) => {
    const cause = { code, params };
    const severity = formIssueSeverity(code);
    const found = { target, field, reason: formIssueReason(cause), code, params, severity };
    issues.push(duplicateOf ? { ...found, duplicateOf } : found);
  };

  const byName = checkNames(form, issue);

  checkChoiceLists(form, issue);
  const areaLists = areaListOwners(form);
  const parsed = new Map<FormNode, Map<ModelField, Expr>>();

  const visitNode = (node: FormNode, repeats: readonly string[]): void => {
    const ownRepeats = node.kind === 'group' && node.repeat ? [...repeats, node.name] : repeats;
    const list =
      node.kind === 'question' && isSelectLike(node) ? findChoiceList(form, node.listName) : undefined;
    for (const { field, source } of nodeExpressions(node)) {
      let expr: Expr;
      try {
        expr = parseExpression(source);
      } catch (error) {
        if (!(error instanceof ExpressionSyntaxError)) throw error;
        issue(node, field, error.issue.code, error.issue.params);
        continue;
      }
      const exprs = parsed.get(node) ?? new Map<ModelField, Expr>();
      exprs.set(field, expr);
      parsed.set(node, exprs);
      const choiceColumns = field === 'choice_filter' ? choiceColumnsOf(list) : undefined;
      // repeat_count is read outside the repeat it sizes.
      const scopeRepeats = field === 'repeat_count' ? repeats : ownRepeats;
      const scope = {
        checkField: (name: string) => checkFieldIn(byName, name, scopeRepeats),
        allowCurrent: field === 'constraint',
        choiceColumns,
      };
      for (const cause of analyseExpressionIssues(expr, scope)) issue(node, field, cause.code, cause.params);
      if (field === 'repeat_count') checkRepeatCountLiteral(node, expr, issue);
    }
    if (node.kind === 'group') {
      checkGroup(node, issue);
      node.children.forEach((child) => visitNode(child, ownRepeats));
    } else {
      checkQuestion(node, list, issue);
      checkAreaListUse(node, areaLists, issue);
    }
  };
  form.children.forEach((node) => visitNode(node, []));

  checkCalculationCycles(parsed, byName, issue);
  checkSettings(form, issue);
  return issues;
}

/**
 * Names as pyxform scopes them, as far as the stored answers allow: answers are kept per repeat
 * instance (a repeat's answers are a list of objects inside the enclosing answers), so a name
 * must be unique within its repeat, or among the questions outside repeats — the same name in
 * different (nested) repeats is fine, as in pyxform. Stricter than pyxform: two plain groups in
 * the same repeat (or outside repeats) may not share a question name, because groups do not nest
 * the answers. Repeat names are unique in the whole form (pyxform's rule too). Returns every
 * node by name, for `${name}` references.
 */
function checkNames(form: Form, issue: Report): Map<string, NodeInfo[]> {
  const byName = new Map<string, NodeInfo[]>();
  const repeatNames = new Map<string, FormNode>();
  const walk = (
    nodes: readonly FormNode[],
    repeats: readonly string[],
    scope: Map<string, FormNode>,
  ): void => {
    for (const node of nodes) {
      const isRepeat = node.kind === 'group' && node.repeat;
      const ownRepeats = isRepeat ? [...repeats, node.name] : repeats;
      if (node.name === '') issue(node, 'name', 'name-missing');
      else if (!NAME_PATTERN.test(node.name)) issue(node, 'name', 'name-invalid', { name: node.name });
      else if (scope.has(node.name))
        issue(node, 'name', 'name-duplicate', { name: node.name }, scope.get(node.name)!);
      else if (isRepeat && repeatNames.has(node.name))
        issue(node, 'name', 'repeat-name-duplicate', { name: node.name }, repeatNames.get(node.name)!);
      else {
        scope.set(node.name, node);
        if (isRepeat) repeatNames.set(node.name, node);
        byName.set(node.name, [...(byName.get(node.name) ?? []), { node, repeats: ownRepeats }]);
      }
      if (node.kind === 'group') walk(node.children, ownRepeats, isRepeat ? new Map() : scope);
    }
  };
  walk(form.children, [], new Map());
  return byName;
}

function checkFieldIn(
  byName: ReadonlyMap<string, readonly NodeInfo[]>,
  name: string,
  repeats: readonly string[],
): FormIssueCause | undefined {
  const targets = byName.get(name) ?? [];
  if (targets.length === 0) return formIssueCause('field-unknown', { name });
  // pyxform refuses such a reference too ("There are multiple survey elements with this name").
  if (targets.length > 1) return formIssueCause('field-ambiguous', { name, count: targets.length });
  const target = targets[0];
  if (target.node.kind === 'group') return formIssueCause('field-is-group', { name });
  const outside = target.repeats.find((r) => !repeats.includes(r));
  return outside === undefined ? undefined : formIssueCause('field-in-repeat', { name, repeat: outside });
}

/** Lists that hold an area question's areas, each with the first area question using it. */
function areaListOwners(form: Form): Map<string, string> {
  const owners = new Map<string, string>();
  for (const { question } of formQuestions(form))
    if (question.type === 'area' && !owners.has(question.listName))
      owners.set(question.listName, question.name);
  return owners;
}

/**
 * An area list is rewritten whenever the target areas change, so a scale or any other question
 * sharing it would silently turn into a list of areas: such a question needs a list of its own.
 */
function checkAreaListUse(q: Question, areaLists: ReadonlyMap<string, string>, issue: Report): void {
  if (!isSelectLike(q) || q.type === 'area') return;
  const areaQuestion = areaLists.get(q.listName);
  if (areaQuestion !== undefined)
    issue(q, 'type', 'list-is-area-list', { list: q.listName, areaQuestion, type: q.type });
}

type Report = (
  target: ModelTarget,
  field: ModelField,
  code: FormIssueCode,
  params?: FormIssueParams,
  duplicateOf?: ModelTarget,
) => void;

function checkQuestion(q: Question, list: ChoiceList | undefined, issue: Report): void {
  const hasLabel = Object.values(q.label).some((t) => t.trim() !== '');
  if (!hasLabel && !UNLABELLED_TYPES.has(q.type)) issue(q, 'label', 'label-missing');
  if (q.type === 'calculate' && q.calculation.trim() === '') issue(q, 'calculation', 'calculation-missing');
  if (!isSelectLike(q)) return;
  if (!list) {
    issue(q, 'type', 'list-unknown', { list: q.listName });
    return;
  }
  if (list.choices.length === 0) {
    issue(q, 'type', 'list-empty', { list: q.listName });
    return;
  }
  if (q.type === 'select_one' && q.likert && likertScale(list).length < 2) {
    issue(q, 'appearance', 'likert-too-few-points', { list: q.listName });
  }
  if (q.type === 'select_multiple' || q.type === 'rank') {
    for (const choice of list.choices) {
      if (/\s/.test(choice.name))
        issue(choice, 'name', 'choice-name-space', { choice: choice.name, type: q.type, question: q.name });
    }
  }
  if (
    q.type === 'area' &&
    q.method === 'postcode' &&
    !list.choices.some((c) => (c.properties['postcode'] ?? '').trim() !== '')
  ) {
    issue(q, 'parameters', 'area-postcodes-missing', { list: q.listName });
  }
}

/**
 * A repeat_count written as a number above MAX_REPEAT_INSTANCES could only ever give that many
 * instances (the form and the server size the repeat to the cap): the author meant something the
 * survey cannot collect. A count computed from answers is sized to the cap when it runs.
 */
function checkRepeatCountLiteral(node: FormNode, expr: Expr, issue: Report): void {
  if (expr.kind !== 'number' && expr.kind !== 'string') return;
  const count = Math.trunc(toNumber(expr.value));
  if (Number.isFinite(count) && count > MAX_REPEAT_INSTANCES)
    issue(node, 'repeat_count', 'repeat-count-too-large', { count, max: MAX_REPEAT_INSTANCES });
}

function checkGroup(group: Group, issue: Report): void {
  if (!isMatrixGroup(group)) return;
  // A matrix shows one row per question against a shared header of options, so all must share a list.
  let first: { name: string; list: string } | undefined;
  for (const child of group.children) {
    if (child.kind === 'question' && child.type === 'note') continue;
    if (child.kind !== 'question' || (child.type !== 'select_one' && child.type !== 'select_multiple')) {
      issue(child, 'type', 'matrix-question-type', { group: group.name });
      continue;
    }
    if (!first) first = { name: child.name, list: child.listName };
    else if (child.listName !== first.list) {
      issue(child, 'type', 'matrix-one-list', {
        group: group.name,
        question: child.name,
        list: child.listName,
        first: first.name,
        firstList: first.list,
      });
    }
  }
}

function checkChoiceLists(form: Form, issue: Report): void {
  // pyxform's setting for cascading lists that repeat a name under different filter values.
  const duplicatesAllowed = /^(yes|true|true\(\))$/i.test(
    (form.settings.extra['allow_choice_duplicates'] ?? '').trim(),
  );
  const seenLists = new Set<string>();
  for (const list of form.choiceLists) {
    if (list.name === '' || !NAME_PATTERN.test(list.name))
      issue(list, 'list_name', list.name === '' ? 'list-name-missing' : 'list-name-invalid', {
        list: list.name,
      });
    else if (seenLists.has(list.name)) issue(list, 'list_name', 'list-duplicate', { list: list.name });
    seenLists.add(list.name);
    const seen = new Map<string, Choice>();
    for (const choice of list.choices) {
      if (choice.name.trim() === '') {
        issue(choice, 'name', 'choice-name-missing');
        continue;
      }
      const first = seen.get(choice.name);
      if (first && !duplicatesAllowed)
        issue(choice, 'name', 'choice-duplicate', { choice: choice.name, list: list.name }, first);
      else seen.set(choice.name, choice);
      if (!Object.values(choice.label).some((t) => t.trim() !== '')) issue(choice, 'label', 'label-missing');
    }
  }
}

function checkCalculationCycles(
  parsed: ReadonlyMap<FormNode, Map<ModelField, Expr>>,
  byName: ReadonlyMap<string, readonly NodeInfo[]>,
  issue: Report,
): void {
  // By node: the same name may stand for calculations in different repeats. A reference resolves
  // only when its name is unique (ambiguous references are refused above).
  const deps = new Map<FormNode, FormNode[]>();
  for (const [node, exprs] of parsed) {
    const calc = exprs.get('calculation');
    if (!calc) continue;
    const targets = referencedFields(calc).flatMap((name) => {
      const found = byName.get(name) ?? [];
      return found.length === 1 ? [found[0].node] : [];
    });
    deps.set(node, targets);
  }
  const state = new Map<FormNode, 'visiting' | 'done'>();
  const reported = new Set<FormNode>();
  const dfs = (node: FormNode, path: FormNode[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(node)), node];
      const start = cycle[0];
      if (!reported.has(start)) {
        cycle.slice(0, -1).forEach((n) => reported.add(n));
        issue(start, 'calculation', 'calculation-cycle', { cycle: cycle.map((n) => n.name).join(' → ') });
      }
      return;
    }
    state.set(node, 'visiting');
    for (const dep of deps.get(node) ?? []) if (deps.has(dep)) dfs(dep, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of deps.keys()) dfs(node, []);
}

function checkSettings(form: Form, issue: Report): void {
  if (form.settings.formId.trim() === '') issue('settings', 'form_id', 'form-id-missing');
  else if (!NAME_PATTERN.test(form.settings.formId))
    issue('settings', 'form_id', 'form-id-invalid', { formId: form.settings.formId });
  const languages = formLanguages(form);
  if (languages.length > 0 && !languages.includes(form.settings.defaultLanguage)) {
    issue('settings', 'default_language', 'default-language-without-labels', {
      language: form.settings.defaultLanguage,
      languages: languages.join(', '),
    });
  }
}
