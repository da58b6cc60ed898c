// The demo questionnaire "Nachbarschaftsbefragung Mitte 2025" as an XLSForm (KoboToolbox style:
// `label::Deutsch (de)`, Likert items in a table-list group, plain language and English
// variants), and a seeded generator of plausible answers. The area list is built from the
// planning areas of Berlin-Mitte the survey service knows from the registry.
import type { XlsFormTables } from '@quartier/survey-core';

export const DEMO_SURVEY_TITLE = 'Nachbarschaftsbefragung Mitte 2025';
export const DEMO_FORM_ID = 'nachbarschaft_mitte_2025';

const H = [
  'type',
  'name',
  'label::Deutsch (de)',
  'label::English (en)',
  'label::Leichte Sprache (de-x-easy)',
  'hint::Deutsch (de)',
  'hint::English (en)',
  'required',
  'relevant',
  'constraint',
  'constraint_message::Deutsch (de)',
  'constraint_message::English (en)',
  'appearance',
];

type Row = [
  type: string,
  name: string,
  de: string,
  en: string,
  easy: string,
  hintDe?: string,
  hintEn?: string,
  required?: string,
  relevant?: string,
  constraint?: string,
  msgDe?: string,
  msgEn?: string,
  appearance?: string,
];

const row = (r: Row): string[] => H.map((_, i) => r[i] ?? '');

export function nachbarschaftMitteForm(
  planningAreas: readonly { code: string; name: string }[],
  { title = DEMO_SURVEY_TITLE, formId = DEMO_FORM_ID }: { title?: string; formId?: string } = {},
): XlsFormTables {
  const survey: Row[] = [
    [
      'begin group',
      'wohnen',
      'Wo Sie wohnen',
      'Where you live',
      'Wo Sie wohnen',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'field-list',
    ],
    [
      'area planungsraeume',
      'planungsraum',
      'In welchem Planungsraum wohnen Sie?',
      'In which planning area do you live?',
      'Wo wohnen Sie?',
      'Den Planungsraum finden Sie auf dem Aushang in Ihrem Haus.',
      'You will find the planning area on the notice in your building.',
      'yes',
    ],
    [
      'integer',
      'wohndauer',
      'Seit wie vielen Jahren wohnen Sie in Ihrer Nachbarschaft?',
      'For how many years have you lived in your neighbourhood?',
      'Wie lange wohnen Sie schon hier?',
      'Unter einem Jahr: 0',
      'Less than a year: 0',
      'yes',
      '',
      '. >= 0 and . <= 100',
      'Bitte eine Zahl von 0 bis 100.',
      'Please give a number from 0 to 100.',
    ],
    ['end group', '', '', '', ''],
    [
      'begin group',
      'nachbarschaft',
      'Wie sehr stimmen Sie zu?',
      'How much do you agree?',
      'Stimmt das?',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'table-list',
    ],
    [
      'select_one zustimmung',
      'sicher_tag',
      'Ich fühle mich in meiner Wohngegend tagsüber sicher.',
      'I feel safe in my neighbourhood during the day.',
      'Am Tag fühle ich mich hier sicher.',
      '',
      '',
      'yes',
      '',
      '',
      '',
      '',
      'likert',
    ],
    [
      'select_one zustimmung',
      'sicher_nacht',
      'Ich fühle mich in meiner Wohngegend nachts sicher.',
      'I feel safe in my neighbourhood at night.',
      'In der Nacht fühle ich mich hier sicher.',
      '',
      '',
      'yes',
      '',
      '',
      '',
      '',
      'likert',
    ],
    [
      'select_one zustimmung',
      'hilfe',
      'Die Menschen in meiner Nachbarschaft helfen sich gegenseitig.',
      'People in my neighbourhood help each other.',
      'Die Nachbarn helfen sich.',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'likert',
    ],
    [
      'select_one zustimmung',
      'verbunden',
      'Ich fühle mich meiner Nachbarschaft verbunden.',
      'I feel attached to my neighbourhood.',
      'Ich mag meine Nachbarschaft.',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'likert',
    ],
    [
      'select_one zustimmung',
      'sauber',
      'Meine Wohngegend ist sauber und gepflegt.',
      'My neighbourhood is clean and well kept.',
      'Hier ist es sauber.',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'likert',
    ],
    ['end group', '', '', '', ''],
    [
      'select_multiple angebote',
      'angebote',
      'Welche Angebote in Ihrer Nachbarschaft nutzen Sie?',
      'Which local services do you use?',
      'Wohin gehen Sie in Ihrer Nachbarschaft?',
      'Mehrere Antworten möglich.',
      'Choose all that apply.',
      '',
      '',
      "not(selected(., 'keine') and count-selected(.) > 1)",
      '„Keine“ passt nicht zu anderen Antworten.',
      '"None" cannot be combined with other answers.',
    ],
    [
      'select_one ja_nein',
      'wegzug',
      'Möchten Sie in den nächsten zwei Jahren aus Ihrer Nachbarschaft wegziehen?',
      'Do you want to move out of your neighbourhood within the next two years?',
      'Wollen Sie bald umziehen?',
      '',
      '',
      'yes',
    ],
    [
      'select_multiple gruende',
      'wegzug_gruende',
      'Warum möchten Sie wegziehen?',
      'Why do you want to move?',
      'Warum wollen Sie umziehen?',
      'Mehrere Antworten möglich.',
      'Choose all that apply.',
      '',
      "${wegzug} = 'ja'",
    ],
    [
      'text',
      'verbesserung',
      'Was sollte sich in Ihrer Nachbarschaft verbessern?',
      'What should improve in your neighbourhood?',
      'Was soll hier besser werden?',
      'Diese Antwort wird nie einzeln veröffentlicht.',
      'This answer is never published individually.',
      '',
      '',
      'string-length(.) <= 2000',
      'Bitte höchstens 2000 Zeichen.',
      'At most 2000 characters, please.',
      'multiline',
    ],
    [
      'begin group',
      'person',
      'Zu Ihrer Person',
      'About you',
      'Über Sie',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'field-list',
    ],
    [
      'select_one altersgruppen',
      'altersgruppe',
      'Wie alt sind Sie?',
      'How old are you?',
      'Wie alt sind Sie?',
      '',
      '',
      'yes',
    ],
    [
      'select_one geschlecht',
      'geschlecht',
      'Welches Geschlecht haben Sie?',
      'What is your gender?',
      'Sind Sie eine Frau oder ein Mann?',
    ],
    ['end group', '', '', '', ''],
  ];
  const C = [
    'list_name',
    'name',
    'label::Deutsch (de)',
    'label::English (en)',
    'label::Leichte Sprache (de-x-easy)',
    'scale_value',
  ];
  const choices: string[][] = [
    C,
    ...planningAreas.map((a) => ['planungsraeume', a.code, a.name, a.name, a.name, '']),
    [
      'zustimmung',
      'stimme_nicht_zu',
      'stimme überhaupt nicht zu',
      'strongly disagree',
      'stimmt gar nicht',
      '1',
    ],
    ['zustimmung', 'eher_nicht', 'stimme eher nicht zu', 'tend to disagree', 'stimmt eher nicht', '2'],
    ['zustimmung', 'teils', 'teils, teils', 'neither', 'teils', '3'],
    ['zustimmung', 'eher_zu', 'stimme eher zu', 'tend to agree', 'stimmt eher', '4'],
    ['zustimmung', 'voll_zu', 'stimme voll und ganz zu', 'strongly agree', 'stimmt genau', '5'],
    ['zustimmung', 'weiss_nicht', 'weiß nicht', "don't know", 'weiß ich nicht', ''],
    [
      'angebote',
      'nachbarschaftshaus',
      'Nachbarschaftshaus / Stadtteilzentrum',
      'community centre',
      'Nachbarschafts-Haus',
      '',
    ],
    ['angebote', 'bibliothek', 'Stadtteilbibliothek', 'public library', 'Bücherei', ''],
    ['angebote', 'sport', 'Sportverein / Sportplatz', 'sports club / ground', 'Sport', ''],
    ['angebote', 'familien', 'Familienzentrum', 'family centre', 'Familien-Zentrum', ''],
    ['angebote', 'senioren', 'Seniorentreff', 'senior centre', 'Treff für Ältere', ''],
    ['angebote', 'keine', 'keine davon', 'none of these', 'nichts davon', ''],
    ['ja_nein', 'ja', 'ja', 'yes', 'ja', ''],
    ['ja_nein', 'nein', 'nein', 'no', 'nein', ''],
    ['ja_nein', 'weiss_nicht', 'weiß nicht', "don't know", 'weiß ich nicht', ''],
    ['gruende', 'miete', 'zu hohe Miete', 'rent too high', 'Die Miete ist zu teuer.', ''],
    [
      'gruende',
      'wohnung',
      'Wohnung passt nicht mehr',
      'flat no longer suits',
      'Die Wohnung passt nicht.',
      '',
    ],
    ['gruende', 'laerm', 'Lärm, Verkehr', 'noise, traffic', 'Es ist zu laut.', ''],
    [
      'gruende',
      'sicherheit',
      'fühle mich nicht sicher',
      "don't feel safe",
      'Ich fühle mich nicht sicher.',
      '',
    ],
    ['gruende', 'anderes', 'anderer Grund', 'other reason', 'etwas anderes', ''],
    ['altersgruppen', 'a18_29', '18 bis 29 Jahre', '18 to 29', '18 bis 29', ''],
    ['altersgruppen', 'a30_44', '30 bis 44 Jahre', '30 to 44', '30 bis 44', ''],
    ['altersgruppen', 'a45_64', '45 bis 64 Jahre', '45 to 64', '45 bis 64', ''],
    ['altersgruppen', 'a65', '65 Jahre und älter', '65 and older', '65 oder älter', ''],
    ['geschlecht', 'w', 'weiblich', 'female', 'Frau', ''],
    ['geschlecht', 'm', 'männlich', 'male', 'Mann', ''],
    ['geschlecht', 'd', 'divers', 'diverse', 'divers', ''],
    ['geschlecht', 'k', 'keine Angabe', 'prefer not to say', 'sage ich nicht', ''],
  ];
  return {
    survey: [H, ...survey.map(row)],
    choices,
    settings: [
      ['form_title', 'form_id', 'version', 'default_language'],
      [title, formId, '2025090101', 'Deutsch (de)'],
    ],
  };
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LIKERT = ['stimme_nicht_zu', 'eher_nicht', 'teils', 'eher_zu', 'voll_zu'];

/**
 * Plausible answers for one wave: response counts per planning area vary a lot (from a handful
 * to over a hundred), so the results show primary and secondary suppression; each area has its
 * own feeling of safety at night, and a second wave shifts it a little.
 */
export function generateDemoAnswers(
  areas: readonly { code: string; safety?: number }[],
  total: number,
  seed: number,
  shift = 0,
): Record<string, unknown>[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  // An area's feeling of safety is drawn, unless the caller knows it (the generated city does).
  const areaFactor = new Map(
    areas.map((a) => {
      const size = 0.05 + random() * random() * 3;
      const drawn = random() * 2 - 1;
      return [a.code, { size, safety: a.safety ?? drawn }];
    }),
  );
  const weightSum = [...areaFactor.values()].reduce((s, f) => s + f.size, 0);
  const out: Record<string, unknown>[] = [];
  for (const area of areas) {
    const factor = areaFactor.get(area.code)!;
    const count = Math.round((total * factor.size) / weightSum);
    for (let i = 0; i < count; i++) {
      const likert = (bias: number): string => {
        if (random() < 0.04) return 'weiss_nicht';
        const x = 2 + bias + (random() + random() + random()) * 1.4 - 0.6;
        return LIKERT[Math.max(0, Math.min(4, Math.round(x)))];
      };
      const wegzug = pick(['nein', 'nein', 'nein', 'ja', 'weiss_nicht']);
      const angebote = ['nachbarschaftshaus', 'bibliothek', 'sport', 'familien', 'senioren'].filter(
        () => random() < 0.28,
      );
      const answers: Record<string, unknown> = {
        planungsraum: area.code,
        wohndauer: String(Math.floor(random() * random() * 45)),
        sicher_tag: likert(0.9 + factor.safety * 0.4),
        sicher_nacht: likert(factor.safety + shift),
        verbunden: likert(0.3),
        altersgruppe: pick(['a18_29', 'a30_44', 'a30_44', 'a45_64', 'a45_64', 'a65']),
        wegzug,
      };
      if (random() < 0.9) answers['hilfe'] = likert(0.1 + factor.safety * 0.3);
      if (random() < 0.85) answers['sauber'] = likert(-0.4 + factor.safety * 0.5);
      answers['angebote'] = angebote.length > 0 ? angebote : random() < 0.5 ? ['keine'] : undefined;
      if (answers['angebote'] === undefined) delete answers['angebote'];
      if (wegzug === 'ja')
        answers['wegzug_gruende'] = ['miete', 'wohnung', 'laerm', 'sicherheit', 'anderes'].filter(
          () => random() < 0.35,
        );
      if (random() < 0.8) answers['geschlecht'] = pick(['w', 'm', 'w', 'm', 'd', 'k']);
      if (random() < 0.2)
        answers['verbesserung'] = pick([
          'Mehr Bänke und Bäume.',
          'Bessere Beleuchtung im Park.',
          'Weniger Autoverkehr.',
          'Mehr Angebote für Jugendliche.',
        ]);
      out.push(answers);
    }
  }
  return out;
}
