import { NACHBARSCHAFT } from '../fixtures/forms';
import { type CompiledQuestion, compileForm } from './compile';
import { parseExpression } from './expression/parser';
import { parseIsoDate } from './expression/values';
import type { Form } from './model';
import { type AnswerValue, MAX_REPEAT_INSTANCES } from './answers';
import { type AnswerScope, SkipLogic } from './skip-logic';
import { formFromSheets } from './xlsform/import';
import { sheetFromRows } from './xlsform/sheets';

function load(): Form {
  const result = formFromSheets({
    survey: sheetFromRows(NACHBARSCHAFT.survey),
    choices: sheetFromRows(NACHBARSCHAFT.choices),
    settings: sheetFromRows(NACHBARSCHAFT.settings),
  });
  if (!result.ok) throw new Error('fixture invalid');
  return result.form;
}

const compiled = compileForm(load());
const today = parseIsoDate('2025-03-15')!;
const question = (name: string): CompiledQuestion => compiled.questions.get(name)!;
const scopeOf = (values: Record<string, AnswerValue>, parent?: AnswerScope): AnswerScope => ({
  prefix: parent ? 'personen[1].' : '',
  values: new Map(Object.entries(values)),
  depth: parent ? 1 : 0,
  ...(parent ? { parent } : {}),
});
const allowed = (logic: SkipLogic, scope: AnswerScope, cq: CompiledQuestion): string[] =>
  cq.list!.choices.filter((c) => logic.allowsChoice(scope, cq, c)).map((c) => c.name);

describe('SkipLogic', () => {
  it('works out relevance, calculations and choice filters from the answers', () => {
    const logic = new SkipLogic(compiled, today);
    const scope = scopeOf({ area: 'nord', wohnform: 'miete', miete: 650.5, haushalt: 2 });
    expect(logic.isRelevant(scope, question('miete'))).toBe(true);
    expect(logic.calculation(scope, question('miete_pro_person'))).toBe(325.25);
    expect(logic.fieldValue(scope, 'miete_pro_person')).toBe(325.25);
    expect(logic.fieldValue(scope, 'start')).toEqual(today);
    expect(allowed(logic, scope, question('treffpunkt'))).toEqual(['nachbarschaftshaus', 'kiezcafe']);
    expect(allowed(logic, scope, question('wohnform'))).toEqual(['miete', 'eigentum']);
  });

  it('reads an answer that is not relevant as empty, in conditions and calculations alike', () => {
    const logic = new SkipLogic(compiled, today);
    const scope = scopeOf({ wohnform: 'eigentum', miete: 650.5, haushalt: 2 });
    expect(logic.isRelevant(scope, question('miete'))).toBe(false);
    expect(logic.fieldValue(scope, 'miete')).toBe('');
    expect(logic.calculation(scope, question('miete_pro_person'))).toBe('');
  });

  it('reads a repeat instance’s own answers there and the enclosing answers from its parent', () => {
    const logic = new SkipLogic(compiled, today);
    const root = scopeOf({ haushalt: 2 });
    const person = scopeOf({ alter: 34 }, root);
    expect(logic.fieldValue(person, 'alter')).toBe(34);
    expect(logic.fieldValue(person, 'haushalt')).toBe(2);
    expect(logic.isRepeatRelevant(root, compiled.repeats.get('personen')!)).toBe(true);
  });

  it('keeps what it worked out until reset', () => {
    const logic = new SkipLogic(compiled, today);
    const values = new Map<string, AnswerValue>([['wohnform', 'miete']]);
    const scope: AnswerScope = { prefix: '', values, depth: 0 };
    expect(logic.isRelevant(scope, question('miete'))).toBe(true);
    values.set('wohnform', 'eigentum');
    expect(logic.isRelevant(scope, question('miete'))).toBe(true);
    logic.reset();
    expect(logic.isRelevant(scope, question('miete'))).toBe(false);
  });

  it('sizes a repeat by its repeat_count as the expression language reads a number, or not at all', () => {
    const sized = (count: string) => ({
      ...compiled.repeats.get('personen')!,
      repeatCount: parseExpression(count),
    });
    const logic = new SkipLogic(compiled, today);
    expect(logic.repeatCount(scopeOf({ haushalt: 3 }), sized('${haushalt}'))).toBe(3);
    expect(logic.repeatCount(scopeOf({}), sized("' 12 '"))).toBe(12);
    // XPath numbers have no exponent: the page used JavaScript's Number and showed 10 blocks here.
    expect(logic.repeatCount(scopeOf({}), sized("'1e1'"))).toBeNull();
    expect(logic.repeatCount(scopeOf({}), sized('2.9'))).toBe(2);
    expect(logic.repeatCount(scopeOf({}), sized('-4'))).toBe(0);
    expect(logic.repeatCount(scopeOf({}), sized('${haushalt}'))).toBeNull();
    expect(logic.repeatCount(scopeOf({}), compiled.repeats.get('personen')!)).toBeNull();
  });

  it('sizes a repeat_count above the most instances a repeat holds to that many, as page and server both do', () => {
    const sized = (count: string) => ({
      ...compiled.repeats.get('personen')!,
      repeatCount: parseExpression(count),
    });
    const logic = new SkipLogic(compiled, today);
    expect(MAX_REPEAT_INSTANCES).toBe(50);
    expect(logic.repeatCount(scopeOf({ haushalt: 50 }), sized('${haushalt}'))).toBe(50);
    expect(logic.repeatCount(scopeOf({ haushalt: 51 }), sized('${haushalt}'))).toBe(50);
    expect(logic.repeatCount(scopeOf({}), sized('80.7'))).toBe(50);
    expect(logic.repeatCount(scopeOf({}), sized("'1000000'"))).toBe(50);
    // No finite number is no count at all, not the most.
    expect(logic.repeatCount(scopeOf({}), sized('1 div 0'))).toBeNull();
    expect(logic.repeatCount(scopeOf({}), sized('0 div 0'))).toBeNull();
  });

  it('lets a failing expression throw, and tolerant gives its fallback: hidden, empty, choice allowed', () => {
    const failing = parseExpression('no_such_function()');
    const miete = { ...question('miete'), relevance: [failing] };
    const calc = { ...question('miete_pro_person'), calculation: failing };
    const treffpunkt = { ...question('treffpunkt'), choiceFilter: failing };
    const choice = treffpunkt.list!.choices[0];
    const scope = scopeOf({});
    const strict = new SkipLogic(compiled, today);
    expect(() => strict.isRelevant(scope, miete)).toThrow('unknown function no_such_function()');
    expect(() => strict.calculation(scope, calc)).toThrow('unknown function');
    expect(() => strict.allowsChoice(scope, treffpunkt, choice)).toThrow('unknown function');
    const tolerant = new SkipLogic(compiled, today, { tolerant: true });
    expect(tolerant.isRelevant(scope, miete)).toBe(false);
    expect(tolerant.calculation(scope, calc)).toBe('');
    expect(tolerant.allowsChoice(scope, treffpunkt, choice)).toBe(true);
  });
});
