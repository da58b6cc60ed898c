import type { Formula, FormulaNode } from './formula';
import type { StoredCell } from './hierarchy-values';

/**
 * A formula that is a plain ratio of two data elements, optionally scaled by constants:
 * `#{a} / #{b}`, `100 * #{a} / #{b}`, `#{a} * 100 / #{b}`, `#{a} / #{b} * 100`,
 * `100 * (#{a} / #{b})`, `#{a} / #{b} / 10`. For these, the derived value can keep its numerator
 * and denominator, so an upper level is the ratio of summed counts rather than a mean of rates.
 */
export interface FormulaRatio {
  numerator: string;
  denominator: string;
  scale: number;
}

/**
 * Detects a plain ratio on the AST: peel constant factors (`k * x`, `x * k`, `x / k`) off the
 * top, then require `x / #{b}` where `x` is, after peeling its own constant factors, `#{a}`.
 * Anything else (sums, differences, a constant numerator, a ratio of products) is not a
 * ratio whose parts can be summed and yields null.
 */
export function formulaRatio(ast: FormulaNode): FormulaRatio | null {
  const peel = (node: FormulaNode): { scale: number; core: FormulaNode } => {
    let scale = 1;
    let core = node;
    for (;;) {
      if (core.kind === 'unary' && core.operator === '+') core = core.operand;
      else if (core.kind === 'binary' && core.operator === '*' && core.left.kind === 'number') {
        scale *= core.left.value;
        core = core.right;
      } else if (core.kind === 'binary' && core.operator === '*' && core.right.kind === 'number') {
        scale *= core.right.value;
        core = core.left;
      } else if (
        core.kind === 'binary' &&
        core.operator === '/' &&
        core.right.kind === 'number' &&
        core.right.value !== 0
      ) {
        scale /= core.right.value;
        core = core.left;
      } else return { scale, core };
    }
  };
  const outer = peel(ast);
  const ratio = outer.core;
  if (ratio.kind !== 'binary' || ratio.operator !== '/' || ratio.right.kind !== 'element') return null;
  const top = peel(ratio.left);
  if (top.core.kind !== 'element' || top.core.id === ratio.right.id) return null;
  const scale = outer.scale * top.scale;
  if (!Number.isFinite(scale) || scale <= 0) return null;
  return { numerator: top.core.id, denominator: ratio.right.id, scale };
}

export interface DerivedCell extends StoredCell {
  /** Why the derived value is missing: which inputs were missing or suppressed, or a zero divisor. */
  reason: string | null;
}

/**
 * The derived cell of one area and period. Every referenced element must have a published
 * value: a missing or suppressed input makes the result missing — never 0, which would be
 * indistinguishable from a real zero — and so does a division by zero. With `ratio` (and its
 * scale equal to the indicator's, so aggregation reproduces the value), the numerator and
 * denominator are kept.
 */
export function deriveCell(
  formula: Formula,
  inputs: ReadonlyMap<string, StoredCell | undefined>,
  ratio: FormulaRatio | null,
): DerivedCell {
  const values = new Map<string, number | null>();
  const unavailable: string[] = [];
  for (const element of formula.elements) {
    const cell = inputs.get(element);
    const ok = cell?.status === 'value' && typeof cell.value === 'number' && Number.isFinite(cell.value);
    values.set(element, ok ? (cell.value as number) : null);
    if (!ok) unavailable.push(`${element}:${cell?.status === 'suppressed' ? 'suppressed' : 'missing'}`);
  }
  const missing = (reason: string): DerivedCell => ({
    status: 'missing',
    value: null,
    numerator: null,
    denominator: null,
    reason,
  });
  if (unavailable.length > 0) return missing(`input-unavailable(${unavailable.join(',')})`);
  const result = formula.evaluate(values);
  if (result.status === 'missing') return missing(result.reason);
  return {
    status: 'value',
    value: result.value,
    numerator: ratio ? (values.get(ratio.numerator) as number) : null,
    denominator: ratio ? (values.get(ratio.denominator) as number) : null,
    reason: null,
  };
}
