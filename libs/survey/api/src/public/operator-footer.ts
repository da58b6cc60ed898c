// Who runs a public form and where its imprint and privacy notice are: German law requires both
// on every public web page, and respondents ask whom they are answering before they do.
import type { PublicOperator } from '../tenants/tenant-profile.store';
import type { FormTexts } from './form-texts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The page footer for the tenant's operator, or an empty string when the tenant set none. */
export function renderOperatorFooter(operator: PublicOperator | null, texts: FormTexts): string {
  if (!operator) return '';
  const links = [
    operator.imprintUrl
      ? `<li><a href="${escape(operator.imprintUrl)}">${escape(texts.imprint)}</a></li>`
      : '',
    operator.privacyUrl
      ? `<li><a href="${escape(operator.privacyUrl)}">${escape(texts.privacyNotice)}</a></li>`
      : '',
  ].join('');
  const name = operator.name
    ? `<p>${escape(texts.operatedBy.replace('{name}', () => operator.name ?? ''))}</p>`
    : '';
  return `<footer class="operator" aria-label="${escape(texts.legal)}">${name}${links ? `<ul>${links}</ul>` : ''}</footer>`;
}

export const OPERATOR_FOOTER_CSS = `
footer.operator{max-width:40rem;margin:0 auto;padding:1rem 1rem 2rem;border-top:1px solid #c8c8c8;color:#3d3d3d}
footer.operator p{margin:.25rem 0}
footer.operator ul{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;padding:0;margin:.25rem 0}
footer.operator a{display:inline-block;padding:.5rem 0;min-height:44px}
`;
