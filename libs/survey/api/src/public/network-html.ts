import { localize } from '@quartier/survey-core';
import type { FormTexts } from './form-texts';
import { escapeHtml } from './html';

/** Name generator, interpreters and actor list of a network survey, as the public form shows them. */
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

/**
 * The name generator of a network survey: who answers (one organisation of the actor list), then
 * one fieldset per named partner — picked from the list or, where allowed, added by name — with
 * the name interpreters (type, frequency, quality of the tie). Partners are added and removed by
 * labelled buttons; the template is cloned by the runtime with a stable number per partner.
 */
export function renderNetwork(
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
