import type { DemoIndicator, DemoIndicatorValue } from '@quartier/demo-city';
import type { IndexDefinition } from '@quartier/indicator-core';
import type { IndicatorContent } from '../catalogue/indicator.dto';
import { mssIndices } from './mss-indices';

export const MUSTERSTADT_INDEX_KEY = 'musterstadt-sozialindex';
/** Years the demo computes its index for (the dynamics need two years before). */
export const MUSTERSTADT_INDEX_PERIODS = ['2019', '2021', '2023'] as const;

const SOURCE = 'Musterstadt (Demo): generierte Daten einer fiktiven Stadt';

export function demoIndicatorContent(indicator: DemoIndicator): IndicatorContent {
  return {
    name: indicator.name,
    description: indicator.description,
    unit: indicator.unit,
    polarity: indicator.polarity,
    periodicity: indicator.periodicity,
    ...(indicator.plausible ? { plausible: indicator.plausible } : {}),
    source: SOURCE,
    impactStep: indicator.impactStep,
    confidentiality: null,
  };
}

/** The city's social index, built like Berlin's MSS: status and dynamics of three shares each. */
export function musterstadtIndexDefinition(): IndexDefinition {
  return {
    id: MUSTERSTADT_INDEX_KEY,
    label: 'Sozialindex Musterstadt',
    population: 'EW',
    minPopulation: 300,
    excludeAreas: [],
    indices: mssIndices(['S1', 'S3', 'S4']),
  } as IndexDefinition;
}

/** The long CSV the value import reads (`area,period,indicator,value`; empty = missing). */
export function demoValuesCsv(values: readonly DemoIndicatorValue[]): string {
  const lines = ['area,period,indicator,value'];
  for (const v of values) lines.push(`${v.area},${v.period},${v.indicator},${v.value ?? ''}`);
  return lines.join('\n') + '\n';
}
