import { type DateValue, parseIsoDate } from '@quartier/survey-core/browser';
import type { Definition } from './definition';

/**
 * The day a form's `today`, `start` and `end` questions answer: the one the server sent (the
 * platform's day when it served the page). Without a usable one, the day it is now on the
 * platform's calendar, whose zone the page names — the day the server will file the answers
 * under — and the browser's own day where the page names none this browser knows; never the
 * UTC day, which is yesterday or tomorrow around midnight in most of the world.
 */
export function formToday(def: Pick<Definition, 'today' | 'timeZone'>, now: Date): DateValue {
  return parseIsoDate(def.today ?? '') ?? parseIsoDate(dayIn(now, def.timeZone))!;
}

function dayIn(at: Date, timeZone: string | undefined): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    // A zone this browser's time zone database lacks.
    format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}
