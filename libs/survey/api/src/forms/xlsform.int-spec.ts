import type { ServiceTestApp } from '@quartier/service-kit';
import {
  type Form,
  type XlsFormTables,
  importXlsForm,
  surveyFixtures,
  tablesToWorkbook,
} from '@quartier/survey-core';
import { openSurvey } from '../results/open-survey.testing';
import { QUARTIER_FORM } from '../testing/fixtures';
import { startSurveyTestApp, submitResponse, VALID_ANSWERS, XLSX } from '../testing/survey-test-app';

jest.setTimeout(60_000);

describe('survey service (real PostgreSQL, real OIDC tokens)', () => {
  let t: ServiceTestApp;
  let ids: Record<string, string>;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  /** A fresh draft of the planner's in Mitte, without a form yet (version 0). */
  async function draft(): Promise<string> {
    const created = await call('POST', '/api/survey/surveys', 'planer', {
      title: 'Nachbarschaft 2025',
      scopeAreaId: ids['01'],
    });
    if (created.status !== 201) throw new Error(`creating a draft answered ${created.status}`);
    return created.body.id;
  }

  beforeAll(async () => {
    ({ t, ids } = await startSurveyTestApp());
  });
  afterAll(() => t?.close());

  describe('XLSForm upload and download', () => {
    it('reports every error of a broken XLSForm by sheet, row and column, and stores nothing', async () => {
      const surveyId = await draft();
      const res = await call(
        'PUT',
        `/api/survey/surveys/${surveyId}/xlsform`,
        'planer',
        await tablesToWorkbook(surveyFixtures.BROKEN),
        XLSX,
      );
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('InvalidForm');
      expect(res.body.details.lines).toEqual(
        expect.arrayContaining(['survey row 7, column relevant: unknown field ${agee}']),
      );
      expect(res.body.details.issues.length).toBeGreaterThan(8);
      for (const issue of res.body.details.issues)
        expect(issue).toEqual(
          expect.objectContaining({
            sheet: expect.any(String),
            row: expect.any(Number),
            code: expect.any(String),
            params: expect.any(Object),
            reason: expect.any(String),
          }),
        );
      // Each error as a code with the values it names, for the portal's German and English.
      expect(res.body.details.issues).toEqual(
        expect.arrayContaining([
          {
            sheet: 'survey',
            row: 3,
            column: 'type',
            code: 'type-unknown',
            params: { type: 'selec_one yesno' },
            reason: 'unknown question type "selec_one yesno"',
          },
          expect.objectContaining({ row: 8, code: 'name-duplicate', params: { name: 'age', firstRow: 2 } }),
          expect.objectContaining({
            sheet: 'choices',
            row: 5,
            column: 'list_name',
            code: 'list-name-missing',
          }),
        ]),
      );
      expect((await call('GET', `/api/survey/surveys/${surveyId}`, 'planer')).body.formVersion).toBe(0);
    });

    it('refuses other content types and non-workbooks', async () => {
      const surveyId = await draft();
      expect(
        (await call('PUT', `/api/survey/surveys/${surveyId}/xlsform`, 'planer', 'a,b', 'text/csv')).status,
      ).toBe(415);
      const junk = await call(
        'PUT',
        `/api/survey/surveys/${surveyId}/xlsform`,
        'planer',
        new Uint8Array([1, 2, 3]),
        XLSX,
      );
      expect(junk.status).toBe(422);
    });

    it.each([
      ['KoboToolbox style', surveyFixtures.NACHBARSCHAFT],
      ['ODK style', surveyFixtures.ODK_HOUSEHOLD],
    ])(
      'round-trips a %s form: upload, download, re-import gives the same model',
      async (_name, tables: XlsFormTables) => {
        const draft = await call('POST', '/api/survey/surveys', 'admin', {
          title: 'Round trip',
          scopeAreaId: ids['01'],
        });
        const upload = await call(
          'PUT',
          `/api/survey/surveys/${draft.body.id}/xlsform`,
          'admin',
          await tablesToWorkbook(tables),
          XLSX,
        );
        expect(upload.status).toBe(200);
        expect(upload.body.formVersion).toBe(1);
        const stored = (await call('GET', `/api/survey/surveys/${draft.body.id}/form`, 'admin')).body
          .form as Form;
        const download = await fetch(`${t.url}/api/survey/surveys/${draft.body.id}/xlsform`, {
          headers: { authorization: `Bearer ${await t.tokenFor('admin')}` },
        });
        expect(download.headers.get('content-type')).toContain('spreadsheetml');
        const again = await importXlsForm(new Uint8Array(await download.arrayBuffer()));
        expect(again.ok && again.form).toEqual(stored);
        expect((await call('DELETE', `/api/survey/surveys/${draft.body.id}`, 'admin')).status).toBe(204);
      },
    );

    it('stores the test form as version 1 and checks builder models live', async () => {
      const surveyId = await draft();
      const res = await call(
        'PUT',
        `/api/survey/surveys/${surveyId}/xlsform`,
        'planer',
        await tablesToWorkbook(QUARTIER_FORM),
        XLSX,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        formVersion: 1,
        areaQuestion: 'gebiet',
        formTitle: 'Nachbarschaftsbefragung Test',
      });
      const form = (await call('GET', `/api/survey/surveys/${surveyId}/form`, 'planer')).body.form as Form;
      const broken = {
        ...form,
        children: [...form.children, { ...form.children[1], name: 'alter2', relevant: '${altr} > 3' }],
      };
      const check = await call('POST', '/api/survey/forms/check', 'planer', { form: broken });
      expect(check.body).toEqual({
        valid: false,
        issues: [
          {
            target: 'question alter2',
            field: 'relevant',
            reason: 'unknown field ${altr}',
            code: 'field-unknown',
            params: { name: 'altr' },
            severity: 'error',
          },
        ],
      });
      expect((await call('POST', '/api/survey/forms/check', 'planer', { form })).body).toEqual({
        valid: true,
        issues: [],
      });
      // pulldata() runs (empty, as in ODK Collect without the CSV): a warning, the form stays valid.
      const pulling = {
        ...form,
        children: [
          ...form.children,
          { ...form.children[1], name: 'obst', calculation: "pulldata('obst', 'name', 'name', 'mango')" },
        ],
      };
      expect((await call('POST', '/api/survey/forms/check', 'planer', { form: pulling })).body).toEqual({
        valid: true,
        issues: [
          {
            target: 'question obst',
            field: 'calculation',
            reason:
              'pulldata() reads a CSV file attached to the form, which Quartier does not keep: it gives an empty answer (as ODK Collect does without the file)',
            code: 'function-pulldata',
            params: {},
            severity: 'warning',
          },
        ],
      });
      const put = await call('PUT', `/api/survey/surveys/${surveyId}/form`, 'planer', { form: broken });
      expect(put.status).toBe(422);
      expect(put.body.details.issues[0]).toMatchObject({
        target: 'question alter2',
        field: 'relevant',
        reason: 'unknown field ${altr}',
        code: 'field-unknown',
      });
    });
  });

  describe('form changes once responses exist', () => {
    it('accepts compatible changes and refuses removing questions or options', async () => {
      // Responses exist: one valid submission to the open survey.
      const { surveyId, waveId } = await openSurvey(t, ids);
      expect((await submitResponse(t, surveyId, waveId, VALID_ANSWERS)).status).toBe(201);
      const { form } = (await call('GET', `/api/survey/surveys/${surveyId}/form`, 'planer')).body as {
        form: Form;
      };
      const relabelled = { ...form, settings: { ...form.settings, title: 'Neuer Titel' } };
      expect(
        (await call('PUT', `/api/survey/surveys/${surveyId}/form`, 'planer', { form: relabelled })).body
          .formVersion,
      ).toBe(2);
      const removed = { ...form, children: form.children.filter((n) => n.name !== 'kommentar') };
      const res = await call('PUT', `/api/survey/surveys/${surveyId}/form`, 'planer', { form: removed });
      expect(res.status).toBe(409);
      expect(res.body.details.reasons).toEqual(['question kommentar was removed']);
      expect(res.body.details.changes).toEqual([
        {
          code: 'question-removed',
          params: { question: 'kommentar' },
          reason: 'question kommentar was removed',
        },
      ]);
    });
  });
});
