import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LabelCandidate, labelBox, overlappingPairs, placeLabels } from './labels.ts';

const node = (id: string, x: number, y: number, priority: number, width = 100): LabelCandidate => ({
  id,
  x,
  y,
  radius: 5,
  width,
  height: 14,
  priority,
});
const viewport = { width: 800, height: 600 };

describe('network label placement', () => {
  it('puts the label to the right of its node, as sigma draws it', () => {
    assert.deepEqual(labelBox(node('a', 100, 50, 1)), { left: 110, top: 43, right: 210, bottom: 57 });
  });

  it('keeps the more important of two colliding labels and both of two apart', () => {
    const shown = placeLabels(
      [node('small', 120, 52, 1), node('large', 100, 50, 9), node('far', 100, 200, 1)],
      viewport,
    );
    assert.deepEqual([...shown].sort(), ['far', 'large']);
  });

  it('leaves out labels that would leave the drawing and empty names', () => {
    assert.deepEqual([...placeLabels([node('edge', 750, 50, 5), node('empty', 10, 10, 5, 0)], viewport)], []);
  });

  it('shows no two overlapping labels in a dense random network, and most labels of a sparse one', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const dense = Array.from({ length: 500 }, (_, i) =>
      node(`n${i}`, random() * 700, random() * 580 + 10, random(), 40 + random() * 200),
    );
    const shown = placeLabels(dense, viewport);
    assert.ok(shown.size > 20 && shown.size < 500, `shown ${shown.size}`);
    assert.equal(overlappingPairs(dense, shown), 0);
    assert.ok(overlappingPairs(dense, new Set(dense.map((d) => d.id))) > 100);
    const sparse = Array.from({ length: 10 }, (_, i) => node(`s${i}`, 20, 20 + i * 50, i));
    assert.equal(placeLabels(sparse, viewport).size, 10);
  });
});
