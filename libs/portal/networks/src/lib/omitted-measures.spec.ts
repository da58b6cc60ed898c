import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { omittedMeasures, omittedReason } from './omitted-measures.ts';

describe('omitted network measures', () => {
  it('names the kind of each reason network-core gives', () => {
    assert.equal(omittedReason('network is not connected'), 'disconnected');
    assert.equal(omittedReason('defined here for undirected networks only'), 'directed');
    assert.equal(
      omittedReason('power iteration converges too slowly on this network to reach 1e-12'),
      'not-converged',
    );
    assert.equal(omittedReason('power iteration did not reach 1e-12'), 'not-converged');
    assert.equal(omittedReason('no actor has a sector'), 'no-sectors');
    assert.equal(omittedReason('something new'), 'other');
  });

  it('lists the table’s measures that were left out, in the table’s order', () => {
    assert.deepEqual(
      omittedMeasures({ eigenvector: 'network is not connected', brokerage: 'no actor has a sector' }, [
        'degree',
        'eigenvector',
        'pagerank',
      ]),
      [{ measure: 'eigenvector', reason: 'disconnected' }],
    );
    assert.deepEqual(omittedMeasures(undefined, ['eigenvector']), []);
  });
});
