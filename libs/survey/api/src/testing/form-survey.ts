// Surveys of the suites that write their own small questionnaire (repeats, a form changed while
// answering it): the form is imported here and sent with the survey, its area list the two
// planning areas of Tiergarten Süd, which become the survey's target areas.
import type { ServiceTestApp } from '@quartier/service-kit';
import { type Form, type XlsFormTables, importXlsForm, tablesToWorkbook } from '@quartier/survey-core';
import { day } from './survey-test-app';

/** The sheets of a form with `survey`'s rows, whose `area gebiete` lists Tiergarten Süd's two areas. */
export const twoAreaForm = (formId: string, survey: string[][]): XlsFormTables => ({
  survey,
  choices: [
    ['list_name', 'name', 'label'],
    ['gebiete', '011101', 'Stülerstraße'],
    ['gebiete', '011102', 'Großer Tiergarten'],
  ],
  settings: [
    ['form_id', 'default_language'],
    [formId, 'de'],
  ],
});

/** The form the sheets give; throws naming the issues when they do not import. */
export async function formOf(tables: XlsFormTables): Promise<Form> {
  const imported = await importXlsForm(await tablesToWorkbook(tables));
  if (!imported.ok) throw new Error(`fixture form does not import: ${JSON.stringify(imported.issues)}`);
  return imported.form;
}

/**
 * A survey in Mitte by the planner with `form`, both areas of Tiergarten Süd as target areas and
 * one wave (opened yesterday, closing in 30 days, by invitation only if `invitationOnly`); opened
 * unless `open` is false (a suite that opens it itself, or leaves it a draft).
 */
export async function surveyWithForm(
  t: ServiceTestApp,
  ids: Record<string, string>,
  form: Form,
  options: { title: string; open?: boolean; invitationOnly?: boolean },
): Promise<{ surveyId: string; waveId: string }> {
  const created = await t.call('POST', '/api/survey/surveys', 'planer', {
    title: options.title,
    scopeAreaId: ids['01'],
    form,
  });
  succeeded('creating the survey', created, 201);
  const surveyId = created.body.id as string;
  const targets = await t.call('PUT', `/api/survey/surveys/${surveyId}/target-areas`, 'planer', {
    areas: [{ areaId: ids['011101'] }, { areaId: ids['011102'] }],
  });
  succeeded('setting the target areas', targets, 200);
  const wave = await t.call('POST', `/api/survey/surveys/${surveyId}/waves`, 'planer', {
    name: 'Welle 1',
    opensOn: day(-1),
    closesOn: day(30),
    invitationOnly: options.invitationOnly,
  });
  succeeded('adding the wave', wave, 201);
  if (options.open ?? true) {
    const open = await t.call('POST', `/api/survey/surveys/${surveyId}/status`, 'planer', { status: 'open' });
    succeeded('opening the survey', open, 200);
  }
  return { surveyId, waveId: wave.body.id as string };
}

function succeeded(step: string, res: { status: number; body: unknown }, status: number): void {
  if (res.status !== status) throw new Error(`${step} answered ${res.status}: ${JSON.stringify(res.body)}`);
}
