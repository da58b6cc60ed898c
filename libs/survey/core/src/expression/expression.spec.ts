import { formIssueCause } from '../form-issue-codes';
import { analyseExpression, analyseExpressionIssues, evaluate, type EvaluationContext } from './evaluate';
import { ExpressionSyntaxError, parseExpression, referencedFields } from './parser';
import { parseIsoDate, type Value } from './values';

const today = parseIsoDate('2025-03-15')!;

function run(
  source: string,
  fields: Record<string, Value> = {},
  extra: Partial<EvaluationContext> = {},
): Value {
  return evaluate(parseExpression(source), { field: (n) => fields[n] ?? '', today, ...extra });
}

function syntaxIssue(source: string): ExpressionSyntaxError['issue'] {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error.issue;
    throw error;
  }
  throw new Error(`expected a syntax error for ${source}`);
}

function syntaxError(source: string): { reason: string; position: number } {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return { reason: error.reason, position: error.position };
    throw error;
  }
  throw new Error(`expected a syntax error for ${source}`);
}

describe('parseExpression', () => {
  it('respects XPath precedence: or < and < = < relational < additive < multiplicative < unary', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('7 div 2')).toBe(3.5);
    expect(run('7 mod 3')).toBe(1);
    expect(run('-2 * -3')).toBe(6);
    expect(run('1 = 1 and 2 > 3 or 4 < 5')).toBe(true);
    expect(run('1 < 2 = 1')).toBe(true);
  });

  it('reads hyphenated function names and collects references', () => {
    const ast = parseExpression('count-selected(${hobbies}) > 1 and ${age} >= 18 and ${age} < 99');
    expect(referencedFields(ast)).toEqual(['hobbies', 'age']);
  });

  it('reports syntax errors with the character position', () => {
    expect(syntaxError('${age} >')).toEqual({ reason: 'unexpected end of expression', position: 9 });
    expect(syntaxError('(${a} + 1')).toEqual({
      reason: "expected ')' but found end of expression",
      position: 10,
    });
    expect(syntaxError("'open")).toEqual({ reason: 'unterminated string', position: 1 });
    expect(syntaxError('${age')).toEqual({ reason: 'unterminated ${…} reference', position: 1 });
    expect(syntaxError('${1x} = 2')).toEqual({ reason: 'invalid field reference ${1x}', position: 1 });
    expect(syntaxError('/data/age > 3')).toEqual({
      reason: "XPath paths ('/') are not supported; use ${name}",
      position: 1,
    });
    expect(syntaxError('1 2')).toEqual({ reason: "unexpected '2'", position: 3 });
    expect(syntaxError('')).toEqual({ reason: 'empty expression', position: 1 });
    expect(syntaxError('a # b')).toEqual({ reason: "unexpected character '#'", position: 3 });
  });

  it('names syntax errors as codes with parameters and the position, for translations', () => {
    expect(syntaxIssue('(${a} + 1')).toEqual({
      code: 'syntax-expected',
      params: { expected: ')', found: 'end of expression', position: 10 },
    });
    expect(syntaxIssue('a # b')).toEqual({
      code: 'syntax-unexpected-character',
      params: { character: '#', position: 3 },
    });
    expect(syntaxIssue('1 2')).toEqual({
      code: 'syntax-unexpected-token',
      params: { token: "'2'", position: 3 },
    });
    expect(syntaxIssue('x'.repeat(5000))).toEqual({
      code: 'syntax-too-long',
      params: { max: 4000, position: 1 },
    });
  });
});

describe('evaluate', () => {
  it('compares field values with XPath coercion', () => {
    expect(run('${age} >= 18', { age: 18 })).toBe(true);
    expect(run('${age} >= 18', { age: '' })).toBe(false);
    expect(run("${age} = ''", {})).toBe(true);
    expect(run("${age} != ''", { age: 4 })).toBe(true);
    expect(run("${age} = '18'", { age: 18 })).toBe(true);
    expect(run("${x} = 'yes'", { x: 'yes' })).toBe(true);
    expect(run('${x} = true()', { x: 'no' })).toBe(true);
    expect(run('${x} = true()', { x: '' })).toBe(false);
  });

  it('evaluates selected, count-selected and selected-at over space-separated answers', () => {
    const fields = { hobbies: 'sport music' };
    expect(run("selected(${hobbies}, 'music')", fields)).toBe(true);
    expect(run("selected(${hobbies}, 'mus')", fields)).toBe(false);
    expect(run('count-selected(${hobbies})', fields)).toBe(2);
    expect(run('count-selected(${hobbies})', {})).toBe(0);
    expect(run('selected-at(${hobbies}, 1)', fields)).toBe('music');
    expect(run('selected-at(${hobbies}, 5)', fields)).toBe('');
  });

  it('uses the current answer for . and zero-argument string-length()', () => {
    expect(run('. > 0 and . < 120', {}, { current: 30 })).toBe(true);
    expect(run('string-length(.) <= 5', {}, { current: 'Straße' })).toBe(false);
    expect(run('string-length()', {}, { current: 'Ölmühle' })).toBe(7);
  });

  it('matches regex anchored by the pattern and refuses catastrophic patterns at run time', () => {
    expect(run("regex(., '^[0-9]{5}$')", {}, { current: '10115' })).toBe(true);
    expect(run("regex(., '^[0-9]{5}$')", {}, { current: '1011' })).toBe(false);
    expect(run("regex(., '(a+)+$')", {}, { current: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' })).toBe(
      false,
    );
  });

  it('if evaluates only the branch it takes; coalesce and concat', () => {
    expect(run('if(${n} > 0, 10 div ${n}, 0)', { n: 4 })).toBe(2.5);
    expect(run('if(${n} > 0, 10 div ${n}, -1)', { n: 0 })).toBe(-1);
    expect(run("coalesce(${a}, 'none')", {})).toBe('none');
    expect(run("coalesce(${a}, 'none')", { a: 'x' })).toBe('x');
    expect(run("concat(${a}, '-', 3, '-', true())", { a: 'x' })).toBe('x-3-true');
  });

  it('rounds half away from zero and truncates with int()', () => {
    expect(run('round(2.5)')).toBe(3);
    expect(run('round(-2.5)')).toBe(-3);
    expect(run('round(3.14159, 2)')).toBe(3.14);
    expect(run('int(-3.7)')).toBe(-3);
    expect(run("number('abc')")).toBeNaN();
    expect(run("number(' 12.5 ')")).toBe(12.5);
    expect(run("number('1e3')")).toBeNaN();
    expect(run('floor(2.7) + ceiling(2.1) + abs(-1) + pow(2, 3)')).toBe(14);
    expect(run('max(1, ${a}, 3)', { a: 7 })).toBe(7);
  });

  it('treats dates as days: today(), date arithmetic and comparison with ISO literals', () => {
    expect(run("today() > '2025-03-14'")).toBe(true);
    expect(run("today() - date('2025-03-01')")).toBe(14);
    expect(run("${dob} < '2000-01-01'", { dob: parseIsoDate('1999-12-31')! })).toBe(true);
    expect(run('string(today())')).toBe('2025-03-15');
    expect(run("date('2023-02-30')")).toBe('');
  });

  it('evaluates string functions', () => {
    expect(run("contains('Mitte-Nord', 'Nord')")).toBe(true);
    expect(run("starts-with('Mitte', 'Mi') and ends-with('Mitte', 'te')")).toBe(true);
    expect(run("substr('Quartier', 0, 4)")).toBe('Quar');
    expect(run("substring-before('a-b', '-')")).toBe('a');
    expect(run("substring-after('a-b', '-')")).toBe('b');
    expect(run("normalize-space('  a   b ')")).toBe('a b');
    expect(run("not(${a} = 'x')", { a: 'x' })).toBe(false);
  });

  it('resolves bare names to choice columns inside a choice_filter', () => {
    expect(run('district = ${district}', { district: 'mitte' }, { choice: { district: 'mitte' } })).toBe(
      true,
    );
    expect(run('district = ${district}', { district: 'nord' }, { choice: { district: 'mitte' } })).toBe(
      false,
    );
    expect(() => run('district = 1')).toThrow("bare name 'district' outside a choice_filter");
  });
});

describe('analyseExpression', () => {
  const fields = new Set(['age', 'hobbies']);
  const scope = {
    checkField: (n: string) => (fields.has(n) ? undefined : formIssueCause('field-unknown', { name: n })),
    allowCurrent: false,
  };

  it('reports unknown fields, functions, arity and misplaced . or bare names', () => {
    expect(analyseExpression(parseExpression('${agee} > 3 and ${agee} < 4'), scope)).toEqual([
      'unknown field ${agee}',
    ]);
    expect(analyseExpression(parseExpression('foo(${age})'), scope)).toEqual(['unknown function foo()']);
    expect(analyseExpression(parseExpression('selected(${hobbies})'), scope)).toEqual([
      'selected() takes 2 arguments, got 1',
    ]);
    expect(analyseExpression(parseExpression('not(1, 2)'), scope)).toEqual(['not() takes 1 argument, got 2']);
    expect(analyseExpression(parseExpression('round()'), scope)).toEqual([
      'round() takes 1 to 2 arguments, got 0',
    ]);
    expect(analyseExpression(parseExpression('. > 3'), scope)).toEqual([
      "'.' (the current answer) is only allowed in a constraint",
    ]);
    expect(analyseExpression(parseExpression('age > 3'), scope)).toEqual([
      "unknown name 'age' (fields are written ${age})",
    ]);
    expect(
      analyseExpression(parseExpression("regex(., '(a*)*b')"), { ...scope, allowCurrent: true }),
    ).toEqual(['regular expression with nested quantifiers (risk of catastrophic backtracking)']);
    expect(
      analyseExpression(parseExpression("regex(., '[a-')"), { ...scope, allowCurrent: true })[0],
    ).toMatch(/^invalid regular expression/);
  });

  it('names every cause as a code with parameters, for translations', () => {
    expect(analyseExpressionIssues(parseExpression('selected(${hobbies}) or ${x} or f()'), scope)).toEqual([
      { code: 'function-arity', params: { name: 'selected', min: 2, max: 2, got: 1 } },
      { code: 'field-unknown', params: { name: 'x' } },
      { code: 'function-unknown', params: { name: 'f' } },
    ]);
    expect(analyseExpressionIssues(parseExpression('max()'), scope)).toEqual([
      { code: 'function-arity', params: { name: 'max', min: 1, max: -1, got: 0 } },
    ]);
    expect(analyseExpression(parseExpression('max()'), scope)).toEqual([
      'max() takes at least 1 argument, got 0',
    ]);
  });

  it('runs pulldata() as ODK Collect does without the attached CSV: an empty answer, with a warning', () => {
    expect(run("pulldata('fruits', 'name', 'name', 'mango')")).toBe('');
    expect(run("concat('[', pulldata('f', 'c', 'k', ${key}), ']')", { key: 'x' })).toBe('[]');
    expect(analyseExpressionIssues(parseExpression("pulldata('f', 'c', 'k', 'x')"), scope)).toEqual([
      { code: 'function-pulldata', params: {} },
    ]);
    expect(analyseExpressionIssues(parseExpression("pulldata('f', 'c')"), scope)).toEqual([
      { code: 'function-arity', params: { name: 'pulldata', min: 4, max: 4, got: 2 } },
    ]);
  });

  it('accepts choice columns as bare names only where given', () => {
    const filterScope = { ...scope, choiceColumns: new Set(['district', 'name']) };
    expect(analyseExpression(parseExpression('district = ${age}'), filterScope)).toEqual([]);
    expect(analyseExpression(parseExpression('distrikt = ${age}'), filterScope)).toEqual([
      "unknown choice column 'distrikt': no choice is offered (as in ODK Collect)",
    ]);
  });
});
