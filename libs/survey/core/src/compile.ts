// A validated form with every expression parsed once, indexed for validating many submissions.
import { SurveyError } from './errors';
import { type Expr, parseExpression } from './expression/parser';
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
import { type ModelIssue, validateFormModel } from './validate-form';

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
  readonly questions: ReadonlyMap<string, CompiledQuestion>;
  readonly repeats: ReadonlyMap<string, CompiledRepeat>;
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

/** Compiles a form; a form that fails `validateFormModel` is refused with every reason. */
export function compileForm(form: Form): CompiledForm {
  const issues = validateFormModel(form);
  if (issues.length > 0)
    throw new SurveyError('InvalidForm', `the form has ${issues.length} error(s)`, issues.map(describeIssue));
  const questions = new Map<string, CompiledQuestion>();
  const repeats = new Map<string, CompiledRepeat>();
  const parse = (source: string | undefined): Expr | undefined =>
    source === undefined || source.trim() === '' ? undefined : parseExpression(source);

  const walk = (
    nodes: readonly FormNode[],
    enclosing: readonly string[],
    relevance: readonly Expr[],
  ): void => {
    for (const node of nodes) {
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
      const choiceFilter = isSelectLike(node) ? parse(node.choiceFilter) : undefined;
      questions.set(node.name, {
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
  return { form, questions, repeats };
}
