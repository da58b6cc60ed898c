import type { ImpactModel } from './model';

/** A realistic model for tests: parents' language café in a Moabit programme area. */
export function languageCafeModel(): ImpactModel {
  return {
    id: 'model-1',
    title: 'Elterncafé Sprache & Schule',
    description: 'Measure 12 of the Quartiersmanagement Moabit-West',
    nodes: [
      {
        id: 'i1',
        type: 'input',
        step: null,
        title: 'Projektfonds 40.000 € und zwei Honorarkräfte',
        assumptions: [],
        risks: ['Honorarkräfte springen ab'],
        bindings: [],
      },
      {
        id: 'a1',
        type: 'activity',
        step: 1,
        title: 'Elterncafé zweimal pro Woche in der Grundschule',
        assumptions: ['Schule stellt den Raum'],
        risks: [],
        bindings: [],
      },
      {
        id: 'o1',
        type: 'output',
        step: 2,
        title: 'Eltern aus 60 Familien nehmen teil',
        assumptions: [],
        risks: [],
        bindings: [],
      },
      {
        id: 'o2',
        type: 'output',
        step: 3,
        title: 'Eltern kommen regelmäßig wieder',
        assumptions: [],
        risks: [],
        bindings: [],
      },
      {
        id: 'c1',
        type: 'outcome',
        step: 4,
        title: 'Eltern kennen die Unterstützungsangebote im Kiez',
        assumptions: [],
        risks: [],
        bindings: [
          {
            id: 'b-survey',
            label: 'Kennt Beratungsangebote',
            source: {
              kind: 'survey',
              surveyId: 'elternbefragung',
              question: 'kennt_angebote',
              measure: { kind: 'share', options: ['ja', 'teilweise'] },
            },
            baseline: { value: 0.35, period: '2024' },
            target: { value: 0.6, date: '2027-12-31' },
            polarity: 'higher-is-better',
          },
        ],
      },
      {
        id: 'c2',
        type: 'outcome',
        step: 5,
        title: 'Familien nutzen Beratung früher',
        assumptions: [],
        risks: [],
        bindings: [
          {
            id: 'b-network',
            source: {
              kind: 'network',
              networkId: 'moabit-west',
              measure: { kind: 'graph', metric: 'density' },
            },
            baseline: { value: 0.12, period: '2024' },
            target: { value: 0.2, date: '2027-12-31' },
            polarity: 'higher-is-better',
          },
        ],
      },
      {
        id: 'm1',
        type: 'impact',
        step: 7,
        title: 'Weniger Kinderarmut im Quartier',
        assumptions: [],
        risks: ['Mietsteigerungen verdrängen Familien'],
        bindings: [
          {
            id: 'b-s4',
            source: { kind: 'indicator', indicatorCode: 'S4', areas: { kind: 'programme-areas' } },
            baseline: { value: 48.2, period: '2019' },
            target: { value: 44, date: '2029-12-31' },
            polarity: 'lower-is-better',
          },
        ],
      },
    ],
    edges: [
      { from: 'i1', to: 'a1' },
      { from: 'a1', to: 'o1' },
      { from: 'o1', to: 'o2' },
      { from: 'o2', to: 'c1' },
      { from: 'c1', to: 'c2' },
      { from: 'c2', to: 'm1' },
    ],
  };
}
