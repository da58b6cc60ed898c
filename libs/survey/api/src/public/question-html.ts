import {
  MAX_REPEAT_INSTANCES,
  type ChoiceList,
  type Form,
  type FormNode,
  type Question,
  findChoiceList,
  likertScale,
  localize,
} from '@quartier/survey-core';
import { formTexts, type FormTexts } from './form-texts';
import { escapeHtml } from './html';

/** Lists up to this many options render as radio buttons; longer ones as a select. */
const MAX_RADIOS = 12;

/** What the questions' HTML depends on: the form, the reader's language, a preselected area. */
export interface QuestionPageInput {
  readonly form: Form;
  readonly language: string;
  /** Area preselected by the link (a key of the area list), if any. */
  readonly areaKey?: string;
}

/** The parts every question's HTML is built from (ids derive from `pid`). */
interface FieldParts {
  readonly pid: string;
  readonly label: string;
  /** Required (*) or optional marker after the label. */
  readonly marker: string;
  readonly hintHtml: string;
  readonly error: string;
  readonly describedBy: string;
  /** ` required aria-required="true"` or ''. */
  readonly req: string;
}

/**
 * Every question of the form as HTML from the start: labels, fieldsets and legends, hints and
 * error slots linked with aria-describedby; repeats as templates the runtime clones.
 */
export class QuestionRenderer {
  private readonly texts: FormTexts;

  constructor(private readonly input: QuestionPageInput) {
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
${fixed ? '' : this.addButton(pid)}
</fieldset>`;
  }

  /** The add button of a repeat the respondent sizes, with the note shown once it is full. */
  private addButton(pid: string): string {
    const limit = this.texts.repeatLimit.replace('{n}', String(MAX_REPEAT_INSTANCES));
    return `<p class="hint" id="l-${pid}" hidden>${escapeHtml(limit)}</p><button type="button" class="secondary" data-add="${pid}">${escapeHtml(this.texts.addInstance)}</button>`;
  }

  private question(q: Question, prefix: string): string {
    const pid = `${prefix}${q.name}`;
    if (q.type === 'calculate' || q.type === 'start' || q.type === 'end' || q.type === 'today') return '';
    const label = this.t(q.label, q.name);
    if (q.type === 'note')
      return `<div class="q note" id="q-${pid}" data-q="${q.name}"><p data-template="${escapeHtml(localize(q.label, this.input.language, this.input.form.settings.defaultLanguage) ?? '')}">${label}</p></div>`;
    const hint = [this.t(q.hint), escapeHtml(this.extraHint(q))].filter((h) => h !== '').join(' ');
    const required = q.required === true;
    const parts: FieldParts = {
      pid,
      label,
      marker: required
        ? ` <span class="req" aria-hidden="true">*</span>`
        : ` <span class="opt-marker">(${escapeHtml(this.texts.optional)})</span>`,
      hintHtml: hint ? `<p class="hint" id="h-${pid}">${hint}</p>` : '',
      error: `<p class="err" id="e-${pid}"></p>`,
      describedBy: `${hint ? `h-${pid} ` : ''}e-${pid}`,
      req: required ? ' required aria-required="true"' : '',
    };
    const control = this.control(q, parts);
    return control === ''
      ? ''
      : `<div class="q" id="q-${pid}" data-q="${q.name}" data-type="${q.type}">${control}</div>`;
  }

  /** The hint the form runtime's input method needs besides the author's hint. */
  private extraHint(q: Question): string {
    if (q.type === 'area' && q.method === 'postcode') return this.texts.postcodeHint;
    if (q.type === 'area' && q.method === 'point') return this.texts.pointHint;
    if (q.type === 'geopoint') return this.texts.geopointHint;
    if (q.type === 'rank') return this.texts.rankHint;
    return '';
  }

  /** Label, hint, error slot and the input of a question by its type ('' for types not shown). */
  private control(q: Question, f: FieldParts): string {
    const { pid, req } = f;
    const field = (input: string) =>
      `<label for="f-${pid}">${f.label}${f.marker}</label>${f.hintHtml}${f.error}${input.replace('$DESC', f.describedBy)}`;
    const list = 'listName' in q ? findChoiceList(this.input.form, q.listName) : undefined;
    switch (q.type) {
      case 'text':
        return (q.appearance ?? '').includes('multiline')
          ? field(
              `<textarea id="f-${pid}" name="${pid}" rows="4" maxlength="10000" aria-describedby="$DESC"${req}></textarea>`,
            )
          : field(
              `<input id="f-${pid}" name="${pid}" type="text" maxlength="10000" aria-describedby="$DESC"${req}>`,
            );
      case 'integer':
        return field(
          `<input id="f-${pid}" name="${pid}" type="text" inputmode="numeric" autocomplete="off" class="short" aria-describedby="$DESC"${req}>`,
        );
      case 'decimal':
        return field(
          `<input id="f-${pid}" name="${pid}" type="text" inputmode="decimal" autocomplete="off" class="short" aria-describedby="$DESC"${req}>`,
        );
      case 'date':
        return field(
          `<input id="f-${pid}" name="${pid}" type="date" class="short" aria-describedby="$DESC"${req}>`,
        );
      case 'time':
        return field(
          `<input id="f-${pid}" name="${pid}" type="time" class="short" aria-describedby="$DESC"${req}>`,
        );
      case 'geopoint':
        return field(
          `<input id="f-${pid}" name="${pid}" type="text" autocomplete="off" aria-describedby="$DESC"${req}>`,
        );
      case 'area':
        if (q.method === 'postcode')
          return field(
            `<input id="f-${pid}" name="${pid}" type="text" inputmode="numeric" autocomplete="postal-code" maxlength="5" class="short" aria-describedby="$DESC"${req}>`,
          );
        if (q.method === 'point') return this.point(f);
        return this.choices(q, f, list, 'radio', this.input.areaKey);
      case 'select_one':
        return this.choices(q, f, list && q.likert ? orderLikert(list) : list, 'radio');
      case 'select_multiple':
        return this.choices(q, { ...f, req: '' }, list, 'checkbox');
      case 'rank':
        return this.rank(f, list);
      default:
        return '';
    }
  }

  /** One select of ranks (1 … n) per option. */
  private rank(f: FieldParts, list: ChoiceList | undefined): string {
    const { pid } = f;
    const options = list?.choices ?? [];
    const rows = options
      .map(
        (c, i) =>
          `<div class="rank-row" data-choice="${escapeHtml(c.name)}"><label for="f-${pid}-${i}">${this.t(c.label, c.name)}</label><select id="f-${pid}-${i}" data-rank="${pid}" data-option="${escapeHtml(c.name)}"><option value="">${escapeHtml(this.texts.rankPlaceholder)}</option>${options.map((_, r) => `<option value="${r + 1}">${r + 1}</option>`).join('')}</select></div>`,
      )
      .join('');
    return `<fieldset aria-describedby="${f.describedBy}"><legend>${f.label}${f.marker}</legend>${f.hintHtml}${f.error}${rows}</fieldset>`;
  }

  /**
   * A map point without a map: latitude and longitude as two labelled fields (keyboard and screen
   * reader friendly, no tiles from a third party), filled by the Geolocation API on request. The
   * runtime joins them into the ODK geopoint text the server places by point-in-polygon.
   */
  private point(f: FieldParts): string {
    const { pid, describedBy, req } = f;
    const input = (axis: 'lat' | 'lon', text: string) =>
      `<div class="coord"><label for="f-${pid}-${axis}">${escapeHtml(text)}</label><input id="f-${pid}-${axis}" data-point="${pid}" data-axis="${axis}" type="text" inputmode="decimal" autocomplete="off" class="short" aria-describedby="${describedBy}"${req}></div>`;
    return `<fieldset aria-describedby="${describedBy}"><legend>${f.label}${f.marker}</legend>${f.hintHtml}<p class="err" id="e-${pid}"></p><div class="coords">${input('lat', this.texts.latitude)}${input('lon', this.texts.longitude)}</div><button type="button" class="secondary" data-locate="${pid}" hidden>${escapeHtml(this.texts.useLocation)}</button></fieldset>`;
  }

  private choices(
    q: Question,
    f: FieldParts,
    list: ChoiceList | undefined,
    kind: 'radio' | 'checkbox',
    preselect?: string,
  ): string {
    const { pid, label, marker, hintHtml, error, describedBy, req } = f;
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

/** Likert lists in scale order (lowest first), off-scale answers such as "weiß nicht" last. */
function orderLikert(list: ChoiceList): ChoiceList {
  const scale = likertScale(list).map((s) => s.choice);
  const on = scale
    .map((name) => list.choices.find((c) => c.name === name))
    .filter((c): c is ChoiceList['choices'][number] => c !== undefined);
  return { ...list, choices: [...on, ...list.choices.filter((c) => !scale.includes(c.name))] };
}
