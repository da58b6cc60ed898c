// A validated form with every expression parsed once, indexed for validating many submissions.
import { SurveyError } from './errors';
import { type Expr, parseExpression, visit } from './expression/parser';
import {
  type ChoiceList,
  type Form,
  type FormNode,
  type Group,
  type Question,
  findChoiceList,
  isSelectLike,
} from './model';
import { postcodeIndex } from './area';
import { type ModelIssue, choiceColumnsOf, formErrors, validateFormModel } from './validate-form';

export interface CompiledQuestion {
  readonly question: Question;
  /** Enclosing repeat names, outermost first. */
  readonly repeats: readonly string[];
  /** The question's own relevant and those of its enclosing groups: all must hold. */
  readonly relevance: readonly Expr[];
  readonly constraint?: Expr;
  readonly calculation?: Expr;
  /** `true`/`false`, or the condition making the answer required. */
  readonly required: boolean | Expr;
  readonly choiceFilter?: Expr;
  readonly list?: ChoiceList;
  /** Area lists by postcode, built once per form. */
  readonly postcodes?: ReadonlyMap<string, readonly string[]>;
}

export interface CompiledRepeat {
  readonly group: Group;
  readonly repeats: readonly string[];
  readonly relevance: readonly Expr[];
  readonly repeatCount?: Expr;
}

export interface CompiledForm {
  readonly form: Form;
  /**
   * Questions by name, for `${name}` references and the questions outside repeats. A name used in
   * several repeats (legal, as in pyxform) maps to the one outside repeats, if any, else to none:
   * walk the form and look its questions up in `nodes`.
   */
  readonly questions: ReadonlyMap<string, CompiledQuestion>;
  /** Every question by its model object. */
  readonly nodes: ReadonlyMap<Question, CompiledQuestion>;
  /** Repeats by name (unique in the whole form). */
  readonly repeats: ReadonlyMap<string, CompiledRepeat>;
}

/** The compiled form of a question met while walking the form's nodes. */
export function compiledQuestion(compiled: CompiledForm, question: Question): CompiledQuestion {
  const found = compiled.nodes.get(question);
  if (!found) throw new Error(`question ${question.name} is not part of the compiled form`);
  return found;
}

/**
 * The question an answer path names: `alter`, or inside repeats `personen[2].alter` (as
 * submission issues give it). Repeat names end in `[n]`, so names containing dots stay whole.
 */
export function questionAtPath(compiled: CompiledForm, path: string): CompiledQuestion | undefined {
  const repeats: string[] = [];
  let rest = path;
  for (let m = /^([^[\]]+)\[\d+\]\./.exec(rest); m; m = /^([^[\]]+)\[\d+\]\./.exec(rest)) {
    repeats.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  for (const cq of compiled.nodes.values())
    if (cq.question.name === rest && cq.repeats.join('\u0000') === repeats.join('\u0000')) return cq;
  return undefined;
}

function questionsByName(nodes: ReadonlyMap<Question, CompiledQuestion>): Map<string, CompiledQuestion> {
  const byName = new Map<string, CompiledQuestion[]>();
  for (const cq of nodes.values())
    byName.set(cq.question.name, [...(byName.get(cq.question.name) ?? []), cq]);
  const out = new Map<string, CompiledQuestion>();
  for (const [name, all] of byName) {
    const chosen = all.length === 1 ? all[0] : all.find((cq) => cq.repeats.length === 0);
    if (chosen) out.set(name, chosen);
  }
  return out;
}

function describeIssue(issue: ModelIssue): string {
  const target =
    issue.target === 'settings'
      ? 'settings'
      : 'choices' in issue.target
        ? `list ${issue.target.name}`
        : issue.target.name;
  return `${target} (${issue.field}): ${issue.reason}`;
}

const NO_CHOICE: Expr = { kind: 'call', name: 'false', args: [], position: 0 };

/**
 * A filter naming a choice column no choice has compares an empty node-set in ODK Collect, which
 * is never equal nor unequal to anything: no choice is offered (the form check warns of it).
 */
function runnableChoiceFilter(filter: Expr, list: ChoiceList | undefined): Expr {
  const columns = choiceColumnsOf(list);
  let missing = false;
  visit(filter, (e) => {
    if (e.kind === 'name' && !columns.has(e.name)) missing = true;
  });
  return missing ? NO_CHOICE : filter;
}

/** Compiles a form; a form with errors in `validateFormModel` is refused with every reason. */
export function compileForm(form: Form): CompiledForm {
  const issues = formErrors(validateFormModel(form));
  if (issues.length > 0)
    throw new SurveyError('InvalidForm', `the form has ${issues.length} error(s)`, issues.map(describeIssue));
  const nodes = new Map<Question, CompiledQuestion>();
  const repeats = new Map<string, CompiledRepeat>();
  const parse = (source: string | undefined): Expr | undefined =>
    source === undefined || source.trim() === '' ? undefined : parseExpression(source);

  const walk = (
    children: readonly FormNode[],
    enclosing: readonly string[],
    relevance: readonly Expr[],
  ): void => {
    for (const node of children) {
      const own = parse(node.relevant);
      const chain = own ? [...relevance, own] : relevance;
      if (node.kind === 'group') {
        if (node.repeat) {
          const repeatCount = parse(node.repeatCount);
          repeats.set(node.name, {
            group: node,
            repeats: enclosing,
            relevance: chain,
            ...(repeatCount ? { repeatCount } : {}),
          });
        }
        walk(node.children, node.repeat ? [...enclosing, node.name] : enclosing, chain);
        continue;
      }
      const list = isSelectLike(node) ? findChoiceList(form, node.listName) : undefined;
      const constraint = parse(node.constraint);
      const calculation = parse(node.calculation);
      const filter = isSelectLike(node) ? parse(node.choiceFilter) : undefined;
      const choiceFilter = filter && runnableChoiceFilter(filter, list);
      nodes.set(node, {
        question: node,
        repeats: enclosing,
        relevance: chain,
        required: typeof node.required === 'string' ? parseExpression(node.required) : node.required,
        ...(constraint ? { constraint } : {}),
        ...(calculation ? { calculation } : {}),
        ...(choiceFilter ? { choiceFilter } : {}),
        ...(list ? { list } : {}),
        ...(list && node.type === 'area' && node.method === 'postcode'
          ? { postcodes: postcodeIndex(list) }
          : {}),
      });
    }
  };
  walk(form.children, [], []);
  return { form, questions: questionsByName(nodes), nodes, repeats };
}
