import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relativeLuminance as luminance } from '@quartier/portal-ui/colours';
import {
  classColorExpression,
  classLegend,
  patternTile,
  SEQUENTIAL_5,
  SEQUENTIAL_9,
  sequentialColors,
  valueLegend,
  valueRange,
} from './classes.ts';

describe('indicator map classes', () => {
  it('spreads fewer classes over the whole sequential ramp', () => {
    assert.deepEqual(sequentialColors(2), [SEQUENTIAL_5[0], SEQUENTIAL_5[4]]);
    assert.deepEqual(sequentialColors(3), [SEQUENTIAL_5[0], SEQUENTIAL_5[2], SEQUENTIAL_5[4]]);
    assert.deepEqual(sequentialColors(5), [...SEQUENTIAL_5]);
  });

  it('gives every class of a longer index a colour of its own, darker with every class', () => {
    for (const count of [6, 9, 12, 20]) {
      const colors = sequentialColors(count);
      assert.equal(colors.length, count);
      for (const color of colors) assert.match(color, /^#[0-9a-f]{6}$/);
      for (let i = 1; i < count; i++)
        assert.ok(luminance(colors[i]) < luminance(colors[i - 1]), `${count} classes: ${colors.join(' ')}`);
    }
    assert.deepEqual(sequentialColors(9), [...SEQUENTIAL_9]);
    assert.deepEqual(
      classLegend(Array.from({ length: 12 }, (_, i) => ({ code: `${i}`, label: '' }))).filter(
        (c) => !c.color,
      ),
      [],
    );
  });

  it('gets darker with every class (readable in greyscale)', () => {
    const values = SEQUENTIAL_5.map(luminance);
    for (let i = 1; i < values.length; i++)
      assert.ok(values[i] < values[i - 1], `class ${i + 1} darker than class ${i}`);
  });

  it('labels every class with its number and bounds', () => {
    const legend = valueLegend([3, 5], (n) => String(n), { min: 1, max: 9 });
    assert.deepEqual(
      legend.map((l) => [l.number, l.label]),
      [
        [1, '< 3'],
        [2, '3 – < 5'],
        [3, '≥ 5'],
      ],
    );
    assert.deepEqual(
      classLegend([
        { code: '1', label: 'hoch' },
        { code: '4', label: 'sehr niedrig' },
      ]).map((l) => l.label),
      ['1 hoch', '4 sehr niedrig'],
    );
  });

  it('names the value of a single class and draws no class without values', () => {
    assert.deepEqual(valueRange([null, 4, 2.5, null]), { min: 2.5, max: 4 });
    assert.equal(valueRange([null, null]), null);
    // One value gives no breaks (quantileBreaks in portal-ui): a single class.
    const one = valueLegend([], (n) => String(n), valueRange([7.25, null]));
    assert.deepEqual(
      one.map((l) => [l.number, l.label]),
      [[1, '7.25']],
    );
    assert.deepEqual(
      valueLegend([], (n) => String(n), valueRange([2, 2, 3])).map((l) => l.label),
      ['2 – 3'],
    );
    assert.deepEqual(
      valueLegend([], (n) => String(n), valueRange([null])),
      [],
    );
  });

  it('colours every area white while there is no class yet (MapLibre refuses a match without branches)', () => {
    assert.equal(classColorExpression([]), '#ffffff');
  });

  it('builds the MapLibre colour expression and pattern tiles', () => {
    assert.deepEqual(classColorExpression(['#a', '#b']), [
      'match',
      ['get', 'cls'],
      0,
      '#a',
      1,
      '#b',
      '#ffffff',
    ]);
    const hatch = patternTile('hatch');
    assert.equal(hatch.data.length, 8 * 8 * 4);
    assert.equal(hatch.data[3], 255);
    assert.equal(patternTile('dots').data[3], 0);
  });
});
