import type { IndexDefinition } from '@quartier/indicator-core';

/**
 * The two indices of Berlin's MSS method, which the Musterstadt demo index follows too: a status
 * index over the status shares (S…) and a dynamics index over their changes (D…), with the MSS
 * class bounds.
 */
export function mssIndices(status: readonly string[]): IndexDefinition['indices'] {
  return [
    {
      id: 'status',
      label: 'Status-Index',
      labels: { en: 'Status index' },
      indicators: [...status],
      classes: [
        { code: '1', label: 'hoch', labels: { en: 'high' }, upTo: -1, inclusive: false },
        { code: '2', label: 'mittel', labels: { en: 'medium' }, upTo: 1, inclusive: true },
        { code: '3', label: 'niedrig', labels: { en: 'low' }, upTo: 1.5, inclusive: true },
        { code: '4', label: 'sehr niedrig', labels: { en: 'very low' } },
      ],
    },
    {
      id: 'dynamics',
      label: 'Dynamik-Index',
      labels: { en: 'Dynamics index' },
      indicators: status.map((s) => s.replace('S', 'D')),
      classes: [
        { code: '+', label: 'positiv', labels: { en: 'positive' }, upTo: -1, inclusive: false },
        { code: '+/-', label: 'stabil', labels: { en: 'stable' }, upTo: 1, inclusive: true },
        { code: '-', label: 'negativ', labels: { en: 'negative' } },
      ],
    },
  ];
}
