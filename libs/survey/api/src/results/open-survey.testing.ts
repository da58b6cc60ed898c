// Test helper (no spec of its own): an open survey for the results, public-form and HTTP suites.
import type { ServiceTestApp } from '@quartier/service-kit';
import { tablesToWorkbook } from '@quartier/survey-core';
import { PLANNING_AREAS, QUARTIER_FORM } from '../testing/fixtures';
import { day, XLSX } from '../testing/survey-test-app';

// Written once per test file: every survey opened here gets the same form.
let workbook: Promise<Uint8Array> | undefined;

/**
 * A survey with the test form over the four planning areas of Mitte, open with one wave (ten days
 * either side of today); `population` overrides a target area's population by code.
 */
export async function openSurvey(
  t: ServiceTestApp,
  ids: Record<string, string>,
  options: { title?: string; population?: Record<string, number> } = {},
): Promise<{ surveyId: string; waveId: string }> {
  const created = await t.call('POST', '/api/survey/surveys', 'planer', {
    title: options.title ?? 'Nachbarschaft',
    scopeAreaId: ids['01'],
  });
  const surveyId = created.body.id as string;
  const form = await t.call(
    'PUT',
    `/api/survey/surveys/${surveyId}/xlsform`,
    'planer',
    await (workbook ??= tablesToWorkbook(QUARTIER_FORM)),
    XLSX,
  );
  if (form.status !== 200) throw new Error(`form upload answered ${form.status}`);
  await t.call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', {
    areas: PLANNING_AREAS.map((code) => {
      const population = options.population?.[code];
      return { areaId: ids[code], ...(population === undefined ? {} : { population }) };
    }),
  });
  const wave = await t.call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
    name: 'Welle 1',
    opensOn: day(-10),
    closesOn: day(10),
  });
  const open = await t.call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' });
  if (open.status !== 200) throw new Error(`opening the survey answered ${open.status}`);
  return { surveyId, waveId: wave.body.id as string };
}
