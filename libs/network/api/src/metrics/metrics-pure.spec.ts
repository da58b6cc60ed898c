import { buildNetworkGraph, computeNetworkMetrics } from '@quartier/network-core';
import { areaIndicators } from './area-indicators';
import {
  isCanonical,
  optionsKey,
  waveNetworkInput,
  type WaveGraphActor,
  type WaveGraphTie,
} from './wave-graph';

const actors: WaveGraphActor[] = [
  { id: 'd', sector: 'business', areaId: 'north' },
  { id: 'a', sector: 'welfare', areaId: 'north' },
  { id: 'b', sector: 'welfare', areaId: 'north' },
  { id: 'c', sector: 'civil-society', areaId: 'south' },
  { id: 'e', sector: null, areaId: 'south' },
];
const tie = (
  sourceActorId: string,
  targetActorId: string,
  weight = 1,
  extra: Partial<WaveGraphTie> = {},
): WaveGraphTie => ({
  sourceActorId,
  targetActorId,
  weight,
  directed: false,
  type: 'cooperation',
  ...extra,
});

describe('wave graph', () => {
  it('orders actors by id and merges parallel ties of an undirected network, the strongest counting', () => {
    const input = waveNetworkInput(
      actors,
      [tie('b', 'a', 2), tie('a', 'b', 3, { type: 'information' }), tie('c', 'a', 1, { directed: true })],
      { directed: false },
      { types: null, weighted: true },
    );
    expect(input.nodes?.map((n) => n.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(input.edges).toEqual([
      { source: 'a', target: 'b', weight: 3 },
      { source: 'a', target: 'c', weight: 1 },
    ]);
  });

  it('counts undirected ties both ways in a directed network and filters by tie type', () => {
    const input = waveNetworkInput(
      actors,
      [tie('a', 'b', 2), tie('c', 'a', 1, { directed: true, type: 'referral' })],
      { directed: true },
      { types: ['cooperation'], weighted: false },
    );
    expect(input).toMatchObject({ directed: true, weighted: false });
    expect(input.edges).toEqual([
      { source: 'a', target: 'b', weight: 2 },
      { source: 'b', target: 'a', weight: 2 },
    ]);
  });

  it('keys the cache by options, with "all types" written one way', () => {
    expect(optionsKey({ types: null, weighted: true, seed: 1 })).toBe(
      optionsKey({
        types: ['referral', 'cooperation', 'information', 'resources', 'funding'],
        weighted: true,
        seed: 1,
      }),
    );
    expect(optionsKey({ types: ['referral', 'cooperation'], weighted: true, seed: 1 })).toBe(
      optionsKey({ types: ['cooperation', 'referral'], weighted: true, seed: 1 }),
    );
    expect(isCanonical({ types: null, weighted: true, seed: 1 }, true)).toBe(true);
    expect(isCanonical({ types: null, weighted: false, seed: 1 }, true)).toBe(false);
    expect(isCanonical({ types: ['funding'], weighted: true, seed: 1 }, true)).toBe(false);
  });
});

describe('area indicators', () => {
  it('gives the network’s area the whole-network values and every actor area its own', () => {
    const input = waveNetworkInput(
      actors,
      [tie('a', 'b'), tie('a', 'd'), tie('b', 'c'), tie('c', 'd')],
      { directed: false },
      { types: null, weighted: false },
    );
    const whole = computeNetworkMetrics(buildNetworkGraph(input));
    const [network, north, south] = areaIndicators(input, actors, whole, 'district');
    expect(network).toEqual({
      areaId: 'district',
      scope: 'network',
      metrics: expect.objectContaining({
        actors: 5,
        ties: 4,
        density: 0.4,
        components: 2,
        isolates: 1,
        averageDegree: 1.6,
        crossSectorTieShare: 0.75,
        eiIndex: 0.5,
      }),
    });
    // north: a, b, d with ties a–b, a–d inside and b–c, c–d leaving; welfare–welfare is the only same-sector tie.
    expect(north).toEqual({
      areaId: 'north',
      scope: 'area',
      metrics: {
        actors: 3,
        ties: 4,
        internalTies: 2,
        density: 2 / 3,
        components: 1,
        isolates: 0,
        crossSectorTieShare: 0.75,
        externalTieShare: 0.5,
      },
    });
    // south: c and the isolate e; e has no sector, so only c's ties count for the sector share.
    expect(south).toEqual({
      areaId: 'south',
      scope: 'area',
      metrics: {
        actors: 2,
        ties: 2,
        internalTies: 0,
        density: 0,
        components: 2,
        isolates: 1,
        crossSectorTieShare: 1,
        externalTieShare: 1,
      },
    });
  });

  it('leaves out what is undefined and skips actors without area or in the network’s own area', () => {
    const lone: WaveGraphActor[] = [
      { id: 'x', sector: null, areaId: null },
      { id: 'y', sector: null, areaId: 'district' },
    ];
    const input = waveNetworkInput(lone, [], { directed: false }, { types: null, weighted: false });
    const result = areaIndicators(input, lone, computeNetworkMetrics(buildNetworkGraph(input)), 'district');
    expect(result).toHaveLength(1);
    expect(result[0].metrics).not.toHaveProperty('crossSectorTieShare');
    expect(result[0].metrics).not.toHaveProperty('eiIndex');
    expect(result[0].metrics).toMatchObject({ actors: 2, ties: 0, isolates: 2, density: 0 });
  });
});
