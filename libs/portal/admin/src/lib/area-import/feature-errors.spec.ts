import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches } from '@quartier/portal-ui/texts';
import {
  FEATURE_ERROR_TEXTS_DE as DE,
  FEATURE_ERROR_TEXTS_EN as EN,
  FILE_PROBLEM_TEXTS_DE,
  FILE_PROBLEM_TEXTS_EN,
  type FeatureErrorView,
  featureErrorSentence,
  fileProblemSentence,
} from './feature-errors.ts';

const error = (code: string | undefined, params?: Record<string, string | number>): FeatureErrorView => ({
  feature: 3,
  ...(code === undefined ? {} : { code }),
  ...(params === undefined ? {} : { params }),
  reason: 'code "01" was already used by feature 0',
});

describe('area import feature errors', () => {
  it('words a refused feature by its code in German and English with the values it names, never the registry’s reason', () => {
    assert.equal(
      featureErrorSentence(error('CodeMissing', { property: 'id' }), DE),
      'Die Eigenschaft „id“ (Gebietsschlüssel) fehlt oder ist leer.',
    );
    assert.equal(
      featureErrorSentence(error('CodeMissing', { property: 'id' }), EN),
      'Property “id” (area code) is missing or empty.',
    );
    assert.equal(
      featureErrorSentence(error('InvalidPopulation', { property: 'ew', value: '-4' }), DE),
      'Die Einwohnerzahl in „ew“ muss eine ganze Zahl ab 0 sein, nicht -4.',
    );
    assert.equal(
      featureErrorSentence(error('RingNotClosed', { ring: 0 }), DE),
      'Ring 0 ist nicht geschlossen (erste und letzte Position unterscheiden sich).',
    );
    assert.doesNotMatch(
      featureErrorSentence(error('DuplicateCode', { code: '01', first: 0 }), DE),
      /already/,
    );
  });

  it('counts the first feature of a repeated code as the page counts features, from 1, beside its index', () => {
    assert.equal(
      featureErrorSentence(error('DuplicateCode', { code: '06010102', first: 123 }), DE),
      'Den Gebietsschlüssel „06010102“ hat schon Feature 124 (Index 123).',
    );
    assert.equal(
      featureErrorSentence(error('DuplicateCode', { code: '06010102', first: 123 }), EN),
      'Feature 124 (index 123) already has area code “06010102”.',
    );
  });

  it('names the part of a MultiPolygon a ring problem lies in', () => {
    const params = { polygon: 1, ring: 0, position: 2, lon: 1, lat: 100 };
    assert.equal(
      featureErrorSentence(error('PositionOutOfBounds', params), DE),
      'Polygon 1: Ring 0: Position 2 (1, 100) liegt außerhalb des WGS84-Wertebereichs.',
    );
    assert.equal(
      featureErrorSentence(error('RingsCross', { ring: 0, otherRing: 1, edge: 1, otherEdge: 0 }), EN),
      'Rings 0 and 1 cross (edges 1 and 0).',
    );
    assert.equal(
      featureErrorSentence(error('PolygonWithoutRings', { polygon: 2 }), EN),
      'Polygon 2 has no rings.',
    );
  });

  it('falls back to a general sentence for an unknown code, no code, a missing value or a helper key', () => {
    assert.equal(featureErrorSentence(error('Unclassified', {}), DE), 'Dieses Feature enthält einen Fehler.');
    assert.equal(featureErrorSentence(error(undefined), EN), 'This feature contains an error.');
    assert.equal(featureErrorSentence(error('CodeMissing', {}), DE), 'Dieses Feature enthält einen Fehler.');
    assert.equal(featureErrorSentence(error('inPolygon', { polygon: 1 }), DE), DE.other);
    assert.equal(featureErrorSentence(error('toString', {}), DE), DE.other);
  });

  it('says why a whole file was refused, by the registry’s code', () => {
    assert.equal(
      fileProblemSentence('NotFeatureCollection', FILE_PROBLEM_TEXTS_DE),
      'Die Datei ist keine GeoJSON-FeatureCollection (es fehlt die Liste „features“). Es wurde nichts importiert.',
    );
    assert.equal(
      fileProblemSentence('NoFeatures', FILE_PROBLEM_TEXTS_EN),
      'The FeatureCollection has no features: there is nothing to import.',
    );
    assert.equal(fileProblemSentence('NotShapefile', FILE_PROBLEM_TEXTS_DE), FILE_PROBLEM_TEXTS_DE.other);
  });

  it('has the same keys and placeholders in both languages', () => {
    assert.deepEqual(dictionaryMismatches(DE, EN), []);
    assert.deepEqual(dictionaryMismatches(FILE_PROBLEM_TEXTS_DE, FILE_PROBLEM_TEXTS_EN), []);
  });
});
