// Fixtures of the survey service's integration tests, the e2e test and the benchmark: a
// resident questionnaire in KoboToolbox style whose area list uses planning-area codes, the
// matching area tree, and seeded paper responses as CSV.
import { seededRandom } from '@quartier/demo-city';
import type { XlsFormTables } from '@quartier/survey-core';

export const TEST_AREAS = [
  { code: '01', level: 'bezirk', name: 'Mitte' },
  { code: '0111', level: 'bezirksregion', name: 'Tiergarten Süd', parent: '01' },
  { code: '0112', level: 'bezirksregion', name: 'Regierungsviertel', parent: '01' },
  { code: '011101', level: 'planungsraum', name: 'Stülerstraße', parent: '0111', population: 4000 },
  { code: '011102', level: 'planungsraum', name: 'Großer Tiergarten', parent: '0111', population: 2500 },
  { code: '011201', level: 'planungsraum', name: 'Wilhelmstraße', parent: '0112', population: 3000 },
  { code: '011202', level: 'planungsraum', name: 'Unter den Linden Nord', parent: '0112', population: 5000 },
  { code: '02', level: 'bezirk', name: 'Friedrichshain-Kreuzberg' },
  { code: '0211', level: 'bezirksregion', name: 'Karl-Marx-Allee-Nord', parent: '02' },
  { code: '021101', level: 'planungsraum', name: 'Andreasviertel', parent: '0211', population: 6000 },
] as const;

export const PLANNING_AREAS = ['011101', '011102', '011201', '011202'] as const;

export const QUARTIER_FORM: XlsFormTables = {
  survey: [
    [
      'type',
      'name',
      'label::Deutsch (de)',
      'label::English (en)',
      'hint::Deutsch (de)',
      'required',
      'relevant',
      'constraint',
      'constraint_message::Deutsch (de)',
      'choice_filter',
      'appearance',
    ],
    [
      'area gebiete',
      'gebiet',
      'In welchem Gebiet wohnen Sie?',
      'Which area do you live in?',
      '',
      'yes',
      '',
      '',
      '',
      '',
      '',
    ],
    [
      'integer',
      'alter',
      'Wie alt sind Sie?',
      'How old are you?',
      'In Jahren',
      'yes',
      '',
      '. >= 14 and . <= 120',
      'Bitte ein Alter von 14 bis 120.',
      '',
      '',
    ],
    [
      'select_one zustimmung',
      'sicher',
      'Ich fühle mich in meiner Nachbarschaft sicher.',
      'I feel safe in my neighbourhood.',
      '',
      'yes',
      '',
      '',
      '',
      '',
      'likert',
    ],
    [
      'select_one wohnform',
      'wohnform',
      'Wohnen Sie zur Miete oder im Eigentum?',
      'Do you rent or own?',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ],
    [
      'decimal',
      'miete',
      'Wie hoch ist Ihre Kaltmiete (Euro)?',
      'Monthly rent (euros)?',
      '',
      '',
      "${wohnform} = 'miete'",
      '. > 0',
      'Bitte einen Betrag über 0 Euro.',
      '',
      '',
    ],
    [
      'select_multiple angebote',
      'angebote',
      'Welche Angebote nutzen Sie?',
      'Which services do you use?',
      '',
      '',
      '',
      "not(selected(., 'keine') and count-selected(.) > 1)",
      '„Keine“ passt nicht zu anderen Antworten.',
      '',
      '',
    ],
    [
      'select_one treffpunkte',
      'treffpunkt',
      'Welchen Treffpunkt besuchen Sie?',
      'Which meeting place do you visit?',
      '',
      '',
      '',
      '',
      '',
      'gebiet = ${gebiet}',
      '',
    ],
    [
      'date',
      'einzug',
      'Wann sind Sie eingezogen?',
      'When did you move in?',
      '',
      '',
      '${alter} < 30',
      '. <= today()',
      'Das Datum liegt in der Zukunft.',
      '',
      '',
    ],
    [
      'text',
      'kommentar',
      'Was sollte besser werden?',
      'What should improve?',
      '',
      '',
      '',
      '',
      '',
      '',
      'multiline',
    ],
    ['begin repeat', 'kinder', 'Kinder im Haushalt', 'Children in the household', '', '', '', '', '', '', ''],
    [
      'integer',
      'kind_alter',
      'Alter des Kindes',
      "Child's age",
      '',
      'yes',
      '',
      '. >= 0 and . < 18',
      'Kinder sind unter 18.',
      '',
      '',
    ],
    ['end repeat', '', '', '', '', '', '', '', '', '', ''],
  ],
  choices: [
    ['list_name', 'name', 'label::Deutsch (de)', 'label::English (en)', 'scale_value', 'gebiet'],
    ['gebiete', '011101', 'Stülerstraße', 'Stülerstraße', '', ''],
    ['gebiete', '011102', 'Großer Tiergarten', 'Großer Tiergarten', '', ''],
    ['gebiete', '011201', 'Wilhelmstraße', 'Wilhelmstraße', '', ''],
    ['gebiete', '011202', 'Unter den Linden Nord', 'Unter den Linden Nord', '', ''],
    ['zustimmung', '1', 'stimme gar nicht zu', 'strongly disagree', '1', ''],
    ['zustimmung', '2', 'stimme eher nicht zu', 'disagree', '2', ''],
    ['zustimmung', '3', 'teils, teils', 'neutral', '3', ''],
    ['zustimmung', '4', 'stimme eher zu', 'agree', '4', ''],
    ['zustimmung', '5', 'stimme voll zu', 'strongly agree', '5', ''],
    ['zustimmung', 'weiss_nicht', 'weiß nicht', "don't know", '', ''],
    ['wohnform', 'miete', 'zur Miete', 'rent', '', ''],
    ['wohnform', 'eigentum', 'im Eigentum', 'own', '', ''],
    ['angebote', 'familienzentrum', 'Familienzentrum', 'family centre', '', ''],
    ['angebote', 'bibliothek', 'Bibliothek', 'library', '', ''],
    ['angebote', 'keine', 'Keine', 'none', '', ''],
    ['treffpunkte', 'kiezcafe', 'Kiezcafé', 'café', '', '011101'],
    ['treffpunkte', 'spielplatz', 'Spielplatz', 'playground', '', '011102'],
  ],
  settings: [
    ['form_title', 'form_id', 'version', 'default_language'],
    ['Nachbarschaftsbefragung Test', 'quartier_test', '1', 'Deutsch (de)'],
  ],
};

/** Respondents per planning area for the results tests: 011201 (7) is below k = 10. */
export const RESPONSES_PER_AREA: Readonly<Record<string, number>> = {
  '011101': 40,
  '011102': 12,
  '011201': 7,
  '011202': 25,
};

/** Seeded paper responses (CSV, ODK style) to QUARTIER_FORM. */
export function quartierResponsesCsv(
  perArea: Readonly<Record<string, number>> = RESPONSES_PER_AREA,
  seed = 11,
): string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const lines = ['gebiet,alter,sicher,wohnform,miete,angebote,kommentar,_uuid'];
  let i = 0;
  for (const [area, count] of Object.entries(perArea)) {
    for (let r = 0; r < count; r++) {
      const wohnform = pick(['miete', 'miete', 'eigentum', '']);
      lines.push(
        [
          area,
          String(30 + Math.floor(random() * 50)),
          pick(['1', '2', '3', '4', '5', '4', 'weiss_nicht']),
          wohnform,
          wohnform === 'miete' ? String(400 + Math.floor(random() * 800)) : '',
          pick(['familienzentrum', 'bibliothek', 'familienzentrum bibliothek', 'keine', '']),
          random() < 0.3 ? '"Mehr Bänke, bitte"' : '',
          `uuid-${++i}`,
        ].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
