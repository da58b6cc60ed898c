// Request bodies a schema cannot describe, for the other tenant's calls of the authorisation
// matrix: uploads (an XLSForm workbook, a CSV of paper responses), members that must agree with
// each other or with the object (a form id that is a name, a template named by exactly one of two
// members, a feature whose id is a target area). With a valid body the call gets past validation
// to the object's lookup, so its 404 proves the isolation rather than a 400 or 415 for the body.
import ExcelJS from 'exceljs';
import type { BodyHints } from './openapi-body';

const SOME_ID = '00000000-0000-4000-8000-00000000abcd';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file sent as it is, with its media type. */
export interface RawBody {
  readonly contentType: string;
  readonly data: Uint8Array<ArrayBuffer> | string;
}

export const isRaw = (body: unknown): body is RawBody =>
  typeof body === 'object' && body !== null && 'contentType' in body && 'data' in body;

type Override = (hints: BodyHints) => unknown;

/** A one-question XLSForm (survey and settings sheets). */
async function xlsForm(): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('survey').addRows([
    ['type', 'name', 'label'],
    ['text', 'wohnen', 'Wie wohnen Sie?'],
  ]);
  workbook.addWorksheet('settings').addRows([
    ['form_id', 'form_title'],
    ['authz_kiez', 'Authz Kiez'],
  ]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const template: Override = (hints) => ({ fromProgrammeId: hints.idFor('programmeId') ?? SOME_ID });

/** Keyed by `METHOD path` as the OpenAPI document names the operation. */
export const BODY_OVERRIDES: Readonly<Record<string, Override>> = {
  'PUT /api/survey/surveys/{id}/form': () => ({
    form: {
      settings: { formId: 'authz_kiez', title: 'Authz Kiez' },
      children: [{ kind: 'question', type: 'text', name: 'wohnen', label: { de: 'Wie wohnen Sie?' } }],
      choiceLists: [],
    },
  }),
  'PUT /api/survey/surveys/{id}/xlsform': async () => ({ contentType: XLSX_TYPE, data: await xlsForm() }),
  'POST /api/survey/surveys/{id}/waves/{waveId}/response-imports': () => ({
    contentType: 'text/csv',
    data: 'wohnen\nzur Miete\n',
  }),
  'PUT /api/survey/surveys/{id}/area-geometries': (hints) => ({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: hints.area,
        properties: {},
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [13.3, 52.5],
              [13.4, 52.5],
              [13.4, 52.6],
              [13.3, 52.5],
            ],
          ],
        },
      },
    ],
  }),
  'POST /api/programme/programmes/{id}/impact-model/copy': template,
  'POST /api/programme/measures/{id}/impact-model/copy': template,
};
