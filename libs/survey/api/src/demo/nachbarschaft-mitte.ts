// The demo questionnaire "Nachbarschaftsbefragung Mitte 2025" as an XLSForm (KoboToolbox style:
// `label::Deutsch (de)`, Likert items in a table-list group, plain language and English
// variants), and a seeded generator of plausible answers. The questionnaire itself is data
// (fixtures/nachbarschaft-mitte-demo.json, the XLSForm's sheets as rows, copied next to the
// compiled code by tools/build.mjs); the area list is added from the planning areas of
// Berlin-Mitte the survey service knows from the registry.
import { seededRandom } from '@quartier/demo-city';
import type { XlsFormTables } from '@quartier/survey-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const DEMO_SURVEY_TITLE = 'Nachbarschaftsbefragung Mitte 2025';
export const DEMO_FORM_ID = 'nachbarschaft_mitte_2025';

const FIXTURE = join(__dirname, '../../fixtures/nachbarschaft-mitte-demo.json');
/** The choice list the area question names; its rows are the planning areas. */
const AREA_LIST = 'planungsraeume';

/** A sheet: a header row, then rows that may leave trailing empty cells out. */
const sheetSchema = z.array(z.array(z.string())).min(1);
const fixtureSchema = z.strictObject({ survey: sheetSchema, choices: sheetSchema, settings: sheetSchema });

/** Rows as long as the header, as the XLSForm reader expects every sheet. */
function padded(sheet: readonly (readonly string[])[]): string[][] {
  const width = sheet[0].length;
  return sheet.map((row) => [...row, ...Array<string>(Math.max(0, width - row.length)).fill('')]);
}

export function nachbarschaftMitteForm(
  planningAreas: readonly { code: string; name: string }[],
  { title = DEMO_SURVEY_TITLE, formId = DEMO_FORM_ID }: { title?: string; formId?: string } = {},
): XlsFormTables {
  const parsed = fixtureSchema.safeParse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${FIXTURE}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const { survey, choices, settings } = parsed.data;
  const [choiceHeader, ...choiceRows] = choices;
  // Labelled alike in every language: a planning area's name is its name.
  const areaRows = planningAreas.map((a) => [AREA_LIST, a.code, a.name, a.name, a.name]);
  const [settingsHeader, settingsRow] = padded(settings);
  return {
    survey: padded(survey),
    choices: padded([choiceHeader, ...areaRows, ...choiceRows]),
    settings: [
      ['form_title', 'form_id', ...settingsHeader],
      [title, formId, ...settingsRow],
    ],
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
  const random = seededRandom(seed);
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
