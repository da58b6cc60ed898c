import { compileForm, formFromSheets, sheetFromRows } from '@quartier/survey-core';
import { DEMO_SURVEY_TITLE, nachbarschaftMitteForm } from './nachbarschaft-mitte';

describe('the demo questionnaire', () => {
  it('is a valid form whose area question offers the given planning areas', () => {
    const tables = nachbarschaftMitteForm([
      { code: '01011101', name: 'Stülerstraße' },
      { code: '01011102', name: 'Großer Tiergarten' },
    ]);
    const parsed = formFromSheets({
      survey: sheetFromRows(tables.survey),
      choices: sheetFromRows(tables.choices),
      settings: sheetFromRows(tables.settings),
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.form.settings).toMatchObject({
      title: DEMO_SURVEY_TITLE,
      formId: 'nachbarschaft_mitte_2025',
    });
    const areas = parsed.form.choiceLists.find((l) => l.name === 'planungsraeume');
    expect(areas?.choices.map((c) => [c.name, c.label['de'], c.label['en']])).toEqual([
      ['01011101', 'Stülerstraße', 'Stülerstraße'],
      ['01011102', 'Großer Tiergarten', 'Großer Tiergarten'],
    ]);
    expect(() => compileForm(parsed.form)).not.toThrow();
  });

  it('takes another title and form id for a second demo', () => {
    const tables = nachbarschaftMitteForm([], { title: 'Befragung Innenstadt', formId: 'innenstadt' });
    expect(tables.settings).toEqual([
      ['form_title', 'form_id', 'version', 'default_language'],
      ['Befragung Innenstadt', 'innenstadt', '2025090101', 'Deutsch (de)'],
    ]);
    for (const sheet of [tables.survey, tables.choices])
      for (const row of sheet) expect(row).toHaveLength(sheet[0].length);
  });
});
