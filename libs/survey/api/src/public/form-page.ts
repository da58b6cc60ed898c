// The public questionnaire as one server-rendered HTML page. Every question is in the HTML from
// the start (labels, fieldsets and legends, hints, error slots linked with aria-describedby), so
// the page paints at once on a phone and reads well with a screen reader; one small script
// (the core's expression engine plus the form runtime, no framework) adds skip logic, the same
// validation the server runs, drafts in localStorage and submission. No cookies, no third-party
// requests, no inline script (the CSP allows none): the form definition travels as JSON data.
import {
  type ChoiceList,
  type Form,
  type FormNode,
  type Question,
  findChoiceList,
  formLanguages,
  likertScale,
  localize,
} from '@quartier/survey-core';
import type { PublicOperator } from '../tenants/tenant-profile.store';
import { formTexts, languageName, type FormTexts } from './form-texts';
import { OPERATOR_FOOTER_CSS, renderOperatorFooter } from './operator-footer';

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
  readonly scriptUrl: string;
  readonly submitUrl: string;
  /** Path of this page without query, for the language links. */
  readonly pagePath: string;
  /** Name generator, interpreters and actor list of a network survey. */
  readonly network?: NetworkPage;
  /** The tenant's operator name, imprint and privacy links for the footer (null: none set). */
  readonly operator?: PublicOperator | null;
}

export interface NetworkPage {
  readonly generator: {
    readonly name: string;
    readonly prompt: Readonly<Record<string, string>>;
    readonly allowNewActors: boolean;
    readonly maxAlters: number;
  };
  readonly interpreters: readonly (
    | {
        readonly name: string;
        readonly label: Readonly<Record<string, string>>;
        readonly kind: 'select_one';
        readonly options: readonly {
          readonly name: string;
          readonly label: Readonly<Record<string, string>>;
        }[];
        readonly required: boolean;
      }
    | {
        readonly name: string;
        readonly label: Readonly<Record<string, string>>;
        readonly kind: 'integer';
        readonly min: number;
        readonly max: number;
        readonly required: boolean;
      }
  )[];
  readonly actors: readonly { readonly id: string; readonly name: string }[];
}

/** The part of the page the runtime reads (JSON in a non-executed script element). */
export interface FormDefinition {
  readonly surveyId: string;
  readonly waveId: string;
  readonly language: string;
  readonly today: string;
  readonly submitUrl: string;
  readonly form: Form;
  readonly texts: FormTexts;
  /** What the runtime checks of each named organisation before sending. */
  readonly network?: {
    readonly maxAlters: number;
    readonly interpreters: readonly {
      readonly name: string;
      readonly kind: string;
      readonly min?: number;
      readonly max?: number;
      readonly required: boolean;
    }[];
  };
}

/** Lists up to this many options render as radio buttons; longer ones as a select. */
const MAX_RADIOS = 12;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** JSON safe inside a <script> element: no `</script>`, no HTML comment openers, no U+2028/9. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

class Renderer {
  private readonly texts: FormTexts;

  constructor(private readonly input: FormPageInput) {
    this.texts = formTexts(input.language);
  }

  private t(labels: Readonly<Record<string, string>>, fallback = ''): string {
    return escapeHtml(
      localize(labels, this.input.language, this.input.form.settings.defaultLanguage) ?? fallback,
    );
  }

  nodes(nodes: readonly FormNode[], prefix: string, depth: number): string {
    return nodes
      .map((node) => (node.kind === 'group' ? this.group(node, prefix, depth) : this.question(node, prefix)))
      .join('\n');
  }

  private group(group: Extract<FormNode, { kind: 'group' }>, prefix: string, depth: number): string {
    const label = this.t(group.label);
    if (!group.repeat) {
      return `<section class="group" id="g-${prefix}${group.name}" data-group="${group.name}">${label ? `<h2>${label}</h2>` : ''}\n${this.nodes(group.children, prefix, depth)}\n</section>`;
    }
    const pid = `${prefix}${group.name}`;
    const inner = `${pid}-__i${depth}__-`;
    const fixed = group.repeatCount !== undefined && group.repeatCount.trim() !== '';
    return `<fieldset class="repeat" id="r-${pid}" data-repeat="${group.name}" data-prefix="${prefix}" data-depth="${depth}"${fixed ? ' data-fixed' : ''}>
<legend>${label || escapeHtml(group.name)}</legend>
<div class="instances" id="i-${pid}"></div>
<template id="t-${pid}"><div class="instance" data-instance="${inner}"><h3>${label || escapeHtml(group.name)} <span data-number></span></h3>
${this.nodes(group.children, inner, depth + 1)}
${fixed ? '' : `<button type="button" class="secondary" data-remove="${pid}">${escapeHtml(this.texts.removeInstance)}</button>`}
</div></template>
${fixed ? '' : `<button type="button" class="secondary" data-add="${pid}">${escapeHtml(this.texts.addInstance)}</button>`}
</fieldset>`;
  }

  private question(q: Question, prefix: string): string {
    const pid = `${prefix}${q.name}`;
    if (q.type === 'calculate' || q.type === 'start' || q.type === 'end' || q.type === 'today') return '';
    const label = this.t(q.label, q.name);
    if (q.type === 'note')
      return `<div class="q note" id="q-${pid}" data-q="${q.name}"><p data-template="${escapeHtml(localize(q.label, this.input.language, this.input.form.settings.defaultLanguage) ?? '')}">${label}</p></div>`;
    const hintText = this.t(q.hint);
    const extraHint =
      q.type === 'area' && q.method === 'postcode'
        ? this.texts.postcodeHint
        : q.type === 'area' && q.method === 'point'
          ? this.texts.pointHint
          : q.type === 'geopoint'
            ? this.texts.geopointHint
            : q.type === 'rank'
              ? this.texts.rankHint
              : '';
    const hint = [hintText, escapeHtml(extraHint)].filter((h) => h !== '').join(' ');
    const required = q.required === true;
    const describedBy = `${hint ? `h-${pid} ` : ''}e-${pid}`;
    const marker = required
      ? ` <span class="req" aria-hidden="true">*</span>`
      : ` <span class="opt-marker">(${escapeHtml(this.texts.optional)})</span>`;
    const hintHtml = hint ? `<p class="hint" id="h-${pid}">${hint}</p>` : '';
    const error = `<p class="err" id="e-${pid}"></p>`;
    const wrap = (inner: string) =>
      `<div class="q" id="q-${pid}" data-q="${q.name}" data-type="${q.type}">${inner}</div>`;
    const req = required ? ' required aria-required="true"' : '';
    const field = (attrs: string) =>
      `<label for="f-${pid}">${label}${marker}</label>${hintHtml}${error}${attrs.replace('$DESC', describedBy)}`;

    const list = 'listName' in q ? findChoiceList(this.input.form, q.listName) : undefined;
    switch (q.type) {
      case 'text':
        return wrap(
          (q.appearance ?? '').includes('multiline')
            ? field(
                `<textarea id="f-${pid}" name="${pid}" rows="4" maxlength="10000" aria-describedby="$DESC"${req}></textarea>`,
              )
            : field(
                `<input id="f-${pid}" name="${pid}" type="text" maxlength="10000" aria-describedby="$DESC"${req}>`,
              ),
        );
      case 'integer':
        return wrap(
          field(
            `<input id="f-${pid}" name="${pid}" type="text" inputmode="numeric" autocomplete="off" class="short" aria-describedby="$DESC"${req}>`,
          ),
        );
      case 'decimal':
        return wrap(
          field(
            `<input id="f-${pid}" name="${pid}" type="text" inputmode="decimal" autocomplete="off" class="short" aria-describedby="$DESC"${req}>`,
          ),
        );
      case 'date':
        return wrap(
          field(
            `<input id="f-${pid}" name="${pid}" type="date" class="short" aria-describedby="$DESC"${req}>`,
          ),
        );
      case 'time':
        return wrap(
          field(
            `<input id="f-${pid}" name="${pid}" type="time" class="short" aria-describedby="$DESC"${req}>`,
          ),
        );
      case 'geopoint':
        return wrap(
          field(
            `<input id="f-${pid}" name="${pid}" type="text" autocomplete="off" aria-describedby="$DESC"${req}>`,
          ),
        );
      case 'area':
        if (q.method === 'postcode') {
          return wrap(
            field(
              `<input id="f-${pid}" name="${pid}" type="text" inputmode="numeric" autocomplete="postal-code" maxlength="5" class="short" aria-describedby="$DESC"${req}>`,
            ),
          );
        }
        if (q.method === 'point') return wrap(this.point(pid, label, marker, hintHtml, describedBy, req));
        return wrap(
          this.choices(
            q,
            pid,
            list,
            'radio',
            label,
            marker,
            hintHtml,
            error,
            describedBy,
            req,
            this.input.areaKey,
          ),
        );
      case 'select_one': {
        const ordered = list && q.likert ? orderLikert(list) : list;
        return wrap(this.choices(q, pid, ordered, 'radio', label, marker, hintHtml, error, describedBy, req));
      }
      case 'select_multiple':
        return wrap(this.choices(q, pid, list, 'checkbox', label, marker, hintHtml, error, describedBy, ''));
      case 'rank': {
        const options = list?.choices ?? [];
        const rows = options
          .map(
            (c, i) =>
              `<div class="rank-row" data-choice="${escapeHtml(c.name)}"><label for="f-${pid}-${i}">${this.t(c.label, c.name)}</label><select id="f-${pid}-${i}" data-rank="${pid}" data-option="${escapeHtml(c.name)}"><option value="">${escapeHtml(this.texts.rankPlaceholder)}</option>${options.map((_, r) => `<option value="${r + 1}">${r + 1}</option>`).join('')}</select></div>`,
          )
          .join('');
        return wrap(
          `<fieldset aria-describedby="${describedBy}"><legend>${label}${marker}</legend>${hintHtml}${error}${rows}</fieldset>`,
        );
      }
      default:
        return '';
    }
  }

  /**
   * A map point without a map: latitude and longitude as two labelled fields (keyboard and screen
   * reader friendly, no tiles from a third party), filled by the Geolocation API on request. The
   * runtime joins them into the ODK geopoint text the server places by point-in-polygon.
   */
  private point(
    pid: string,
    label: string,
    marker: string,
    hint: string,
    describedBy: string,
    req: string,
  ): string {
    const input = (axis: 'lat' | 'lon', text: string) =>
      `<div class="coord"><label for="f-${pid}-${axis}">${escapeHtml(text)}</label><input id="f-${pid}-${axis}" data-point="${pid}" data-axis="${axis}" type="text" inputmode="decimal" autocomplete="off" class="short" aria-describedby="${describedBy}"${req}></div>`;
    return `<fieldset aria-describedby="${describedBy}"><legend>${label}${marker}</legend>${hint}<p class="err" id="e-${pid}"></p><div class="coords">${input('lat', this.texts.latitude)}${input('lon', this.texts.longitude)}</div><button type="button" class="secondary" data-locate="${pid}" hidden>${escapeHtml(this.texts.useLocation)}</button></fieldset>`;
  }

  private choices(
    q: Question,
    pid: string,
    list: ChoiceList | undefined,
    kind: 'radio' | 'checkbox',
    label: string,
    marker: string,
    hintHtml: string,
    error: string,
    describedBy: string,
    req: string,
    preselect?: string,
  ): string {
    const choices = list?.choices ?? [];
    const minimal = (q.appearance ?? '').split(/\s+/).some((a) => a === 'minimal' || a === 'autocomplete');
    if (kind === 'radio' && (choices.length > MAX_RADIOS || minimal)) {
      const options = choices
        .map(
          (c) =>
            `<option value="${escapeHtml(c.name)}" data-choice="${escapeHtml(c.name)}"${preselect === c.name ? ' selected' : ''}>${this.t(c.label, c.name)}</option>`,
        )
        .join('');
      return `<label for="f-${pid}">${label}${marker}</label>${hintHtml}${error}<select id="f-${pid}" name="${pid}" aria-describedby="${describedBy}"${req}><option value="">${escapeHtml(this.texts.selectPlaceholder)}</option>${options}</select>`;
    }
    const likert = q.type === 'select_one' && q.likert;
    const items = choices
      .map(
        (c, i) =>
          `<div class="opt" data-choice="${escapeHtml(c.name)}"><input type="${kind}" id="f-${pid}-${i}" name="${pid}" value="${escapeHtml(c.name)}"${preselect === c.name ? ' checked' : ''}${kind === 'radio' ? req : ''}><label for="f-${pid}-${i}">${this.t(c.label, c.name)}</label></div>`,
      )
      .join('');
    return `<fieldset aria-describedby="${describedBy}"${likert ? ' class="likert"' : ''}><legend>${label}${marker}</legend>${hintHtml}${error}<div class="opts">${items}</div></fieldset>`;
  }
}

/**
 * The name generator of a network survey: who answers (one organisation of the actor list), then
 * one fieldset per named partner — picked from the list or, where allowed, added by name — with
 * the name interpreters (type, frequency, quality of the tie). Partners are added and removed by
 * labelled buttons; the template is cloned by the runtime with a stable number per partner.
 */
function renderNetwork(
  network: NetworkPage,
  language: string,
  defaultLanguage: string,
  texts: FormTexts,
): string {
  const t = (labels: Readonly<Record<string, string>>, fallback: string) =>
    escapeHtml(localize(labels, language, defaultLanguage) ?? fallback);
  const actors = network.actors
    .map((a) => `<option value="${escapeHtml(a.id)}">${escapeHtml(a.name)}</option>`)
    .join('');
  const req = ` <span class="req" aria-hidden="true">*</span>`;
  const opt = ` <span class="opt-marker">(${escapeHtml(texts.optional)})</span>`;
  const p = 'n-a__k__';
  const interpreters = network.interpreters
    .map((x) => {
      const id = `${p}-${x.name}`;
      const marker = x.required ? req : opt;
      const aria = x.required ? ' aria-required="true"' : '';
      if (x.kind === 'select_one') {
        const options = x.options
          .map(
            (o, i) =>
              `<div class="opt"><input type="radio" id="f-${id}-${i}" name="${id}" value="${escapeHtml(o.name)}" data-interpreter="${escapeHtml(x.name)}"${aria}><label for="f-${id}-${i}">${t(o.label, o.name)}</label></div>`,
          )
          .join('');
        return `<div class="q" id="q-${id}"><fieldset aria-describedby="e-${id}"><legend>${t(x.label, x.name)}${marker}</legend><p class="err" id="e-${id}"></p><div class="opts">${options}</div></fieldset></div>`;
      }
      return `<div class="q" id="q-${id}"><label for="f-${id}">${t(x.label, x.name)}${marker}</label><p class="hint" id="h-${id}">${x.min}–${x.max}</p><p class="err" id="e-${id}"></p><input id="f-${id}" type="text" inputmode="numeric" autocomplete="off" class="short" data-interpreter="${escapeHtml(x.name)}" aria-describedby="h-${id} e-${id}"${aria}></div>`;
    })
    .join('');
  const newName = network.generator.allowNewActors
    ? `<div class="q" id="q-${p}-name" hidden><label for="f-${p}-name">${escapeHtml(texts.newName)}${req}</label><p class="err" id="e-${p}-name"></p><input id="f-${p}-name" type="text" maxlength="200" autocomplete="organization" aria-describedby="e-${p}-name" aria-required="true"></div>`
    : '';
  const other = network.generator.allowNewActors
    ? `<option value="__new">${escapeHtml(texts.otherOrganisation)}</option>`
    : '';
  const hint = escapeHtml(texts.altersHint.replace('{n}', String(network.generator.maxAlters)));
  return `<section class="network" data-network>
<div class="q" id="q-n-respondent"><label for="f-n-respondent">${escapeHtml(texts.respondentLabel)}${req}</label><p class="err" id="e-n-respondent"></p><select id="f-n-respondent" aria-describedby="e-n-respondent" required aria-required="true"><option value="">${escapeHtml(texts.selectPlaceholder)}</option>${actors}</select></div>
<fieldset class="repeat" id="r-n-alters" aria-describedby="h-n-alters e-n-alters"><legend>${t(network.generator.prompt, network.generator.name)}</legend><p class="hint" id="h-n-alters">${hint}</p><p class="err" id="e-n-alters"></p>
<div class="instances" id="i-n-alters"></div>
<template id="t-n-alters"><fieldset class="instance" data-alter="__k__"><legend>${escapeHtml(texts.partner)} <span data-number></span></legend>
<div class="q" id="q-${p}-actor"><label for="f-${p}-actor">${escapeHtml(texts.listedOrganisation)}${req}</label><p class="err" id="e-${p}-actor"></p><select id="f-${p}-actor" aria-describedby="e-${p}-actor" aria-required="true"><option value="">${escapeHtml(texts.selectPlaceholder)}</option>${other}${actors}</select></div>
${newName}
${interpreters}
<button type="button" class="secondary" data-remove-alter>${escapeHtml(texts.removePartner)}</button>
</fieldset></template>
<button type="button" class="secondary" id="n-add-alter">${escapeHtml(texts.addPartner)}</button>
</fieldset>
</section>`;
}

/** Likert lists in scale order (lowest first), off-scale answers such as "weiß nicht" last. */
function orderLikert(list: ChoiceList): ChoiceList {
  const scale = likertScale(list).map((s) => s.choice);
  const on = scale
    .map((name) => list.choices.find((c) => c.name === name))
    .filter((c): c is ChoiceList['choices'][number] => c !== undefined);
  return { ...list, choices: [...on, ...list.choices.filter((c) => !scale.includes(c.name))] };
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
  const renderer = new Renderer(input);
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
    submitUrl: input.submitUrl,
    form,
    texts,
    ...(input.network
      ? {
          network: {
            maxAlters: input.network.generator.maxAlters,
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
