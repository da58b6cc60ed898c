import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  emptyReportForm,
  reportRequestFromLink,
  reportRequestOf,
  type ReportForm,
} from './report-request.ts';

const AREA = '0f0e8a1c-3b1e-4c1a-9d1b-8a0e2d9c7b11';
const RUN = '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const PROGRAMME = 'a1b2c3d4-e5f6-4789-8abc-def012345678';
const EVALUATION = 'c0ffee00-1234-4abc-9def-0123456789ab';
const form = (changes: Partial<ReportForm>): ReportForm => ({ ...emptyReportForm('de'), ...changes });

describe('report request of the form', () => {
  it('sends an area profile of one area with format and language, nothing of other types', () => {
    assert.deepEqual(
      reportRequestOf(
        form({ areaId: AREA, indexRunId: RUN, programmeId: PROGRAMME, format: 'docx', language: 'en' }),
      ),
      { ok: true, request: { type: 'area-profile', areaId: AREA, format: 'docx', language: 'en' } },
    );
  });

  it('sends a level instead of an area for the batch of every area of a level', () => {
    assert.deepEqual(
      reportRequestOf(form({ scope: 'level', level: ' planungsraum ', areaId: AREA, periods: '8' })),
      {
        ok: true,
        request: { type: 'area-profile', level: 'planungsraum', periods: 8, format: 'pdf', language: 'de' },
      },
    );
  });

  it('names the missing area, level, index run or programme', () => {
    assert.deepEqual(reportRequestOf(form({})), { ok: false, field: 'areaId' });
    assert.deepEqual(reportRequestOf(form({ scope: 'level', level: '  ' })), { ok: false, field: 'level' });
    assert.deepEqual(reportRequestOf(form({ type: 'monitoring', areaId: AREA })), {
      ok: false,
      field: 'indexRunId',
    });
    assert.deepEqual(reportRequestOf(form({ type: 'programme' })), { ok: false, field: 'programmeId' });
    assert.deepEqual(reportRequestOf(form({ type: 'evaluation', programmeId: PROGRAMME })), {
      ok: false,
      field: 'evaluationId',
    });
  });

  it('refuses periods outside 2…12 or not whole, and leaves them out when empty', () => {
    for (const periods of ['1', '13', '2.5', 'fünf'])
      assert.deepEqual(
        reportRequestOf(form({ areaId: AREA, periods })),
        { ok: false, field: 'periods' },
        periods,
      );
    assert.deepEqual(reportRequestOf(form({ areaId: AREA, periods: '12' })), {
      ok: true,
      request: { type: 'area-profile', areaId: AREA, periods: 12, format: 'pdf', language: 'de' },
    });
    assert.equal(
      'periods' in (reportRequestOf(form({ areaId: AREA, periods: ' ' })) as { request: object }).request,
      false,
    );
  });

  it('sends a monitoring report of an index run, a programme report of a programme, an evaluation report of an evaluation', () => {
    assert.deepEqual(
      reportRequestOf(form({ type: 'monitoring', indexRunId: RUN, areaId: AREA, format: 'xlsx' })),
      {
        ok: true,
        request: { type: 'monitoring', indexRunId: RUN, format: 'xlsx', language: 'de' },
      },
    );
    assert.deepEqual(reportRequestOf(form({ type: 'programme', programmeId: PROGRAMME, format: 'csv' })), {
      ok: true,
      request: { type: 'programme', programmeId: PROGRAMME, format: 'csv', language: 'de' },
    });
    assert.deepEqual(
      reportRequestOf(form({ type: 'evaluation', evaluationId: EVALUATION, programmeId: PROGRAMME })),
      {
        ok: true,
        request: { type: 'evaluation', evaluationId: EVALUATION, format: 'pdf', language: 'de' },
      },
    );
  });
});

describe('report request of a "create report" link', () => {
  it('makes a PDF in the portal language of the subject the link names', () => {
    assert.deepEqual(reportRequestFromLink({ type: 'area-profile', areaId: AREA }, 'en'), {
      type: 'area-profile',
      areaId: AREA,
      format: 'pdf',
      language: 'en',
    });
    assert.deepEqual(reportRequestFromLink({ type: 'monitoring', indexRunId: RUN }, 'de'), {
      type: 'monitoring',
      indexRunId: RUN,
      format: 'pdf',
      language: 'de',
    });
    assert.deepEqual(reportRequestFromLink({ type: 'programme', programmeId: PROGRAMME }, 'de'), {
      type: 'programme',
      programmeId: PROGRAMME,
      format: 'pdf',
      language: 'de',
    });
    assert.deepEqual(
      reportRequestFromLink({ type: 'evaluation', evaluationId: EVALUATION, areaId: AREA }, 'de'),
      {
        type: 'evaluation',
        evaluationId: EVALUATION,
        format: 'pdf',
        language: 'de',
      },
    );
  });

  it('refuses unknown types, ids of another type, malformed ids and non-objects', () => {
    assert.equal(reportRequestFromLink({ type: 'tax-return', areaId: AREA }, 'de'), null);
    assert.equal(reportRequestFromLink({ type: 'programme', areaId: AREA }, 'de'), null);
    assert.equal(reportRequestFromLink({ type: 'area-profile', areaId: '1; DROP' }, 'de'), null);
    assert.equal(reportRequestFromLink({ type: 'area-profile', areaId: 42 }, 'de'), null);
    assert.equal(reportRequestFromLink(null, 'de'), null);
    assert.equal(reportRequestFromLink('area-profile', 'de'), null);
  });
});
