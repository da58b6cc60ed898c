// The public questionnaire as one server-rendered HTML page. Every question is in the HTML from
// the start (labels, fieldsets and legends, hints, error slots linked with aria-describedby), so
// the page paints at once on a phone and reads well with a screen reader; one small script
// (the core's expression engine plus the form runtime, no framework) adds skip logic, the same
// validation the server runs, drafts in localStorage and submission. No cookies, no third-party
// requests, no inline script (the CSP allows none): the form definition travels as JSON data.
import { type Form, formLanguages, localize } from '@quartier/survey-core';
import type { PublicOperator } from '../tenants/tenant-profile.store';
import {
  formTexts,
  issueTexts,
  type IssueTexts,
  languageName,
  type FormTexts,
  networkIssueTexts,
  type NetworkIssueTexts,
  refusalTexts,
  type RefusalTexts,
} from './form-texts';
import { escapeHtml, jsonForScript } from './html';
import { type NetworkPage, renderNetwork } from './network-html';
import { OPERATOR_FOOTER_CSS, renderOperatorFooter } from './operator-footer';
import { QuestionRenderer } from './question-html';

export interface FormPageInput {
  readonly surveyId: string;
  readonly surveyTitle: string;
  readonly form: Form;
  readonly waveId: string;
  readonly invitationOnly: boolean;
  readonly language: string;
  /** Area preselected by the link (a key of the area list), if any. */
  readonly areaKey?: string;
  readonly today: string;
  /** The platform's time zone: the runtime's day where `today` is unusable. */
  readonly timeZone: string;
  readonly scriptUrl: string;
  readonly submitUrl: string;
  /** Path of this page without query, for the language links. */
  readonly pagePath: string;
  /** Name generator, interpreters and actor list of a network survey. */
  readonly network?: NetworkPage;
  /** The tenant's operator name, imprint and privacy links for the footer (null: none set). */
  readonly operator?: PublicOperator | null;
}

/** The part of the page the runtime reads (JSON in a non-executed script element). */
export interface FormDefinition {
  readonly surveyId: string;
  readonly waveId: string;
  readonly language: string;
  readonly today: string;
  readonly timeZone: string;
  readonly submitUrl: string;
  readonly form: Form;
  readonly texts: FormTexts;
  /** What the respondent reads for an answer refused with each issue code, in the page's language. */
  readonly issueTexts: IssueTexts;
  /** What the respondent reads for a submission refused with each error code. */
  readonly refusalTexts: RefusalTexts;
  /** What the runtime checks of each named organisation before sending. */
  readonly network?: {
    readonly maxAlters: number;
    /** What the respondent reads for a name generator answer refused with each issue code. */
    readonly issueTexts: NetworkIssueTexts;
    readonly interpreters: readonly {
      readonly name: string;
      readonly kind: string;
      readonly min?: number;
      readonly max?: number;
      readonly required: boolean;
    }[];
  };
}

export function renderFormPage(input: FormPageInput): string {
  const texts = formTexts(input.language);
  const form = input.form;
  const title = escapeHtml(
    localize(
      { ...(form.settings.title ? { [form.settings.defaultLanguage]: form.settings.title } : {}) },
      input.language,
    ) ?? input.surveyTitle,
  );
  const languages = formLanguages(form);
  const renderer = new QuestionRenderer(input);
  // The switch keeps what the link chose: the preselected area and the wave.
  const area = `${input.areaKey ? `&amp;area=${encodeURIComponent(input.areaKey)}` : ''}&amp;wave=${encodeURIComponent(input.waveId)}`;
  const switcher =
    languages.length > 1
      ? `<nav aria-label="${escapeHtml(texts.languages)}"><ul class="langs">${languages
          .map((l) =>
            l === input.language
              ? `<li><span aria-current="true" lang="${escapeHtml(l)}">${escapeHtml(languageName(l))}</span></li>`
              : `<li><a href="${escapeHtml(input.pagePath)}?lang=${encodeURIComponent(l)}${area}" lang="${escapeHtml(l)}" hreflang="${escapeHtml(l)}">${escapeHtml(languageName(l))}</a></li>`,
          )
          .join('')}</ul></nav>`
      : '';
  const definition: FormDefinition = {
    surveyId: input.surveyId,
    waveId: input.waveId,
    language: input.language,
    today: input.today,
    timeZone: input.timeZone,
    submitUrl: input.submitUrl,
    form,
    texts,
    issueTexts: issueTexts(texts),
    refusalTexts: refusalTexts(texts),
    ...(input.network
      ? {
          network: {
            maxAlters: input.network.generator.maxAlters,
            issueTexts: networkIssueTexts(texts),
            interpreters: input.network.interpreters.map((x) => ({
              name: x.name,
              kind: x.kind,
              required: x.required,
              ...(x.kind === 'integer' ? { min: x.min, max: x.max } : {}),
            })),
          },
        }
      : {}),
  };
  const invitation = input.invitationOnly
    ? `<div class="q" id="q-__invitation"><label for="f-__invitation">${escapeHtml(texts.invitationLabel)} <span class="req" aria-hidden="true">*</span></label><p class="hint" id="h-__invitation">${escapeHtml(texts.invitationHint)}</p><p class="err" id="e-__invitation"></p><input id="f-__invitation" type="text" autocomplete="off" autocapitalize="characters" class="short" aria-describedby="h-__invitation e-__invitation" required aria-required="true"></div>`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(input.language === 'de-x-easy' ? 'de' : input.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${PAGE_CSS}</style>
<script src="${escapeHtml(input.scriptUrl)}" defer></script>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(texts.skip)}</a>
<header>${switcher}</header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
<p class="privacy">${escapeHtml(texts.privacy)}</p>
<div id="q-draft" class="notice" hidden><p id="q-draft-text"></p><button type="button" class="secondary" id="q-discard">${escapeHtml(texts.discardDraft)}</button></div>
<div id="q-summary" class="summary" tabindex="-1" hidden><h2 id="q-summary-title">${escapeHtml(texts.errorsTitle)}</h2><ul id="q-summary-list"></ul></div>
<div id="q-live" class="vh" role="status" aria-live="polite" aria-atomic="true"></div>
<div id="q-alert" class="vh" role="alert" aria-atomic="true"></div>
<noscript><p class="notice">${escapeHtml(texts.noScript)}</p></noscript>
<form id="q-form" novalidate hidden>
${renderer.nodes(form.children, '', 0)}
${input.network ? renderNetwork(input.network, input.language, form.settings.defaultLanguage, texts) : ''}
${invitation}
<div class="hp" aria-hidden="true"><label for="f-website">${escapeHtml(texts.honeypot)}</label><input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<button type="submit" id="q-submit">${escapeHtml(texts.submit)}</button>
</form>
</main>
${renderOperatorFooter(input.operator ?? null, texts)}
<script type="application/json" id="q-definition">${jsonForScript(definition)}</script>
</body>
</html>`;
}

/** A short page for closed or unknown surveys (same look, no script). */
export function renderMessagePage(
  language: string,
  title: string,
  message: string,
  operator: PublicOperator | null = null,
): string {
  return `<!doctype html><html lang="${escapeHtml(language.split('-')[0])}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${PAGE_CSS}</style></head><body><main id="main"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main>${renderOperatorFooter(operator, formTexts(language))}</body></html>`;
}

// Mobile first; colours pass WCAG AA contrast (text #1b1b1b on white 16.8:1, links #0b4f9c 8.6:1,
// errors #a4000f 8.3:1); focus is a 3px outline that never disappears; targets ≥ 44px.
const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff}
main,header{max-width:40rem;margin:0 auto;padding:0 1rem}
main{padding-bottom:4rem}
main:focus{outline:none}
h1{font-size:1.75rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.35rem;margin:2rem 0 .5rem}
h3{font-size:1.1rem;margin:1rem 0 .5rem}
a{color:#0b4f9c}
:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
.skip{position:absolute;left:-10000px;top:0}
.skip:focus{position:static;display:inline-block;padding:.5rem;background:#fff}
.langs{list-style:none;display:flex;flex-wrap:wrap;gap:.75rem;padding:0;margin:.75rem 0}
.langs a,.langs span{display:inline-block;padding:.5rem 0;min-height:44px}
.langs span{font-weight:700}
.privacy{color:#3d3d3d;font-size:.95rem}
.q{margin:1.5rem 0;padding:0}
.q[hidden],.group[hidden],.repeat[hidden],[data-choice][hidden]{display:none}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
fieldset{border:0;padding:0;margin:0;min-width:0}
.repeat{border-left:4px solid #c8c8c8;padding-left:1rem;margin:1.5rem 0}
.instance{border-top:1px solid #c8c8c8;padding-top:.5rem}
.hint{color:#3d3d3d;margin:.125rem 0 .5rem}
.err{color:#a4000f;font-weight:700;margin:.25rem 0}
.err:empty{display:none}
.q.invalid input[type=text],.q.invalid textarea,.q.invalid select,.q.invalid input[type=date],.q.invalid input[type=time]{border-color:#a4000f;border-width:3px}
.q.invalid{border-left:4px solid #a4000f;padding-left:.75rem}
.req{color:#a4000f}
.opt-marker{font-weight:400;color:#3d3d3d}
input[type=text],input[type=date],input[type=time],textarea,select{display:block;width:100%;min-height:44px;font:inherit;padding:.5rem;border:2px solid #1b1b1b;border-radius:0;background:#fff;color:#1b1b1b}
input.short,select.short{max-width:12rem}
.opts{display:flex;flex-direction:column;gap:.25rem}
.opt{display:flex;align-items:center;gap:.5rem;min-height:44px}
.opt input{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:#0b4f9c}
.opt label{font-weight:400;margin:0;padding:.5rem 0;flex:1}
@media (min-width:40rem){.likert .opts{flex-direction:row;flex-wrap:wrap;gap:1rem}.likert .opt{flex:1 1 6rem;flex-direction:column;align-items:flex-start}}
.rank-row{display:grid;grid-template-columns:1fr 10rem;gap:.5rem;align-items:center;margin:.25rem 0}
.rank-row label{font-weight:400}
button{font:inherit;font-weight:700;min-height:44px;padding:.5rem 1.25rem;border:2px solid #0b4f9c;background:#0b4f9c;color:#fff;border-radius:4px;cursor:pointer;margin:.5rem 0}
button.secondary{background:#fff;color:#0b4f9c}
button:disabled{opacity:.7;cursor:wait}
.summary{border:4px solid #a4000f;padding:0 1rem 1rem;margin:1rem 0}
.summary a{color:#a4000f;font-weight:700}
.notice{border-left:4px solid #0b4f9c;background:#eef4fb;padding:.5rem 1rem;margin:1rem 0}
.vh{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.note p{background:#f3f3f3;padding:.75rem 1rem}
.coords{display:flex;flex-wrap:wrap;gap:1rem}
.coord label{font-weight:400}
${OPERATOR_FOOTER_CSS}`;
