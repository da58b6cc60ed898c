import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bindsEvidence, layoutGraph, nextId, stepFor, wrapTitle } from './impact-graph.ts';

describe('impact graph layout', () => {
  const nodes = [
    { id: 'o2', type: 'outcome' as const, step: 6, title: 'Lebenslage' },
    { id: 'a', type: 'activity' as const, step: 1, title: 'Kurse' },
    { id: 'o1', type: 'outcome' as const, step: 4, title: 'Wissen' },
    { id: 'i', type: 'input' as const, step: null, title: 'Geld' },
  ];

  it('places nodes in columns by type and by step within a column', () => {
    const layout = layoutGraph(nodes, []);
    const at = Object.fromEntries(layout.nodes.map((n) => [n.id, [n.x, n.y]]));
    assert.deepEqual(at, { i: [8, 36], a: [228, 36], o1: [668, 36], o2: [668, 108] });
    assert.equal(layout.height, 36 + 2 * 72);
    assert.equal(layout.columns.length, 5);
  });

  it('draws edges between known nodes only, left to right', () => {
    const layout = layoutGraph(nodes, [
      { from: 'i', to: 'a' },
      { from: 'a', to: 'missing' },
    ]);
    assert.equal(layout.edges.length, 1);
    assert.match(layout.edges[0].path, /^M178,64 C/);
    assert.match(layout.edges[0].path, / 228,64$/);
  });

  it('keeps an allowed step and otherwise moves to the type’s first step', () => {
    assert.equal(stepFor('outcome', 5), 5);
    assert.equal(stepFor('outcome', 2), 4);
    assert.equal(stepFor('input', 3), null);
    assert.equal(stepFor('impact', null), 7);
  });

  it('binds evidence on outcomes and impacts only', () => {
    assert.deepEqual((['input', 'activity', 'output', 'outcome', 'impact'] as const).map(bindsEvidence), [
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('numbers new ids after the taken ones', () => {
    assert.equal(nextId('n', []), 'n1');
    assert.equal(nextId('n', ['n1', 'n3']), 'n2');
  });

  it('wraps titles into two lines and cuts the rest', () => {
    assert.deepEqual(wrapTitle('Kinder erreichen Angebote', 16), ['Kinder erreichen', 'Angebote']);
    assert.deepEqual(wrapTitle('eins zwei drei vier fünf sechs', 9), ['eins zwei', 'drei vie…']);
    assert.deepEqual(wrapTitle('Donaudampfschifffahrt', 8, 1), ['Donaudа…'.replace('а', 'a')]);
  });
});
