import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contrast } from '@quartier/portal-ui/colours';
import { COMMUNITY_COLOURS, SECTOR_COLOURS, TIE_COLOURS, colourDistance } from './colours.ts';

describe('network colours', () => {
  const actorColours = [...Object.values(SECTOR_COLOURS), ...COMMUNITY_COLOURS];

  it('gives new and lost ties colours no sector or community has, clearly apart from each', () => {
    for (const tie of [TIE_COLOURS.new, TIE_COLOURS.lost])
      for (const actor of actorColours)
        assert.ok(
          colourDistance(tie, actor) >= 70,
          `${tie} too close to ${actor}: ${colourDistance(tie, actor)}`,
        );
  });

  it('keeps changed ties visible on white (3:1) and apart from stable ties in greyscale', () => {
    assert.ok(contrast(TIE_COLOURS.new, '#ffffff') >= 3);
    assert.ok(contrast(TIE_COLOURS.lost, '#ffffff') >= 3);
    assert.ok(contrast(TIE_COLOURS.new, TIE_COLOURS.lost) >= 3);
    assert.ok(contrast(TIE_COLOURS.lost, TIE_COLOURS.stable) >= 1.3);
  });

  it('measures what it claims', () => {
    assert.equal(colourDistance('#000000', '#ffffff'), Math.hypot(255, 255, 255));
  });
});
