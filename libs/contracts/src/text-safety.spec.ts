import {
  bidiProblem,
  findUnsafeJson,
  JSON_MAX_DEPTH,
  labelText,
  nameText,
  storableText,
  textProblem,
  UNSAFE_TEXT_ISSUE,
} from './text-safety';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('textProblem', () => {
  it('refuses NUL and lone surrogates and accepts everything else, astral characters included', () => {
    expect(textProblem('a\u0000b')).toBe('nul');
    expect(textProblem('\ud800')).toBe('surrogate');
    expect(textProblem('x\udc00y')).toBe('surrogate');
    expect(textProblem('\ud800\ud800\udc00')).toBe('surrogate');
    expect(textProblem('Stülerstraße 😀 \t\n')).toBeNull();
    expect(textProblem('\ud83d\ude00')).toBeNull();
  });
});

describe('storableText', () => {
  it('replaces NUL and lone surrogates, keeps valid pairs and everything else', () => {
    expect(storableText('1\u0000')).toBe('1\uFFFD');
    expect(storableText('a\uD800b')).toBe('a\uFFFDb');
    expect(storableText('a\uDC00b')).toBe('a\uFFFDb');
    expect(storableText('end\uD83D')).toBe('end\uFFFD');
    expect(storableText('Grüße 😀 \t\n')).toBe('Grüße 😀 \t\n');
    expect(storableText('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
  });
});

describe('bidiProblem', () => {
  it('refuses embeddings, overrides and isolates everywhere', () => {
    for (const c of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ])
      expect(bidiProblem(`Kita ${c}Mitte`)).toBe('bidi-control');
  });

  it('accepts direction marks only beside right-to-left script', () => {
    expect(bidiProblem('Kita\u200f Mitte')).toBe('bidi-mark');
    expect(bidiProblem('مركز الحي\u200e 12')).toBeNull();
    expect(bidiProblem('מרכז\u200f')).toBeNull();
    expect(bidiProblem('Nachbarschaftshaus')).toBeNull();
  });
});

describe('findUnsafeJson', () => {
  it('names the first offending member in document order', () => {
    expect(findUnsafeJson({ name: 'ok', answers: { q1: 'x', q2: 'a\u0000' }, z: '\ud800' })).toEqual({
      path: 'answers.q2',
      problem: 'nul',
    });
    expect(findUnsafeJson({ items: [{ name: 'a' }, { name: '\udfff' }] })).toEqual({
      path: 'items.1.name',
      problem: 'surrogate',
    });
  });

  it('checks member names as well as values', () => {
    expect(findUnsafeJson({ answers: { 'q\u0000': 1 } })).toEqual({ path: 'answers', problem: 'nul' });
    expect(findUnsafeJson({ '\ud800': 1 })).toEqual({ path: '(body)', problem: 'surrogate' });
  });

  it('refuses values nested deeper than the limit without recursion, however deep', () => {
    expect(findUnsafeJson(nested(JSON_MAX_DEPTH))).toBeNull();
    expect(findUnsafeJson(nested(JSON_MAX_DEPTH + 1))?.problem).toBe('depth');
    const deep = findUnsafeJson(nested(200_000));
    expect(deep?.problem).toBe('depth');
    expect(deep?.path.split('.')).toHaveLength(JSON_MAX_DEPTH);
  });

  it('walks only JSON containers: buffers and class instances are left alone', () => {
    const bytes = new Uint8Array(5_000_000);
    const started = Date.now();
    expect(findUnsafeJson({ file: bytes, at: new Date(0) })).toBeNull();
    expect(Date.now() - started).toBeLessThan(50);
    expect(findUnsafeJson(Object.assign(Object.create(null), { a: '\u0000' }))).toEqual({
      path: 'a',
      problem: 'nul',
    });
  });

  it('accepts scalars, null and ordinary documents', () => {
    expect(findUnsafeJson(null)).toBeNull();
    expect(findUnsafeJson(42)).toBeNull();
    expect(findUnsafeJson({ a: [1, 'zwei', { drei: true }], b: null })).toBeNull();
    expect(findUnsafeJson('\u0000')).toEqual({ path: '', problem: 'nul' });
  });
});

describe('nameText and labelText', () => {
  it('trims and accepts ordinary names up to the limit', () => {
    expect(nameText().parse('  Kiez Mitte ')).toBe('Kiez Mitte');
    expect(nameText().safeParse('x'.repeat(200)).success).toBe(true);
    expect(nameText().safeParse('x'.repeat(201)).success).toBe(false);
    expect(nameText().safeParse('   ').success).toBe(false);
  });

  it('marks NUL, surrogates and bidi controls as unsafe text', () => {
    for (const bad of ['a\u0000', '\ud800', 'abc\u202etxt.exe', 'Kita\u200e']) {
      const result = nameText().safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ params: { code: UNSAFE_TEXT_ISSUE } });
    }
    expect(labelText(2000).safeParse('\u2067x').success).toBe(false);
    expect(labelText(2000).parse('')).toBe('');
  });
});
