import type { DemoUser } from './demo-users';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Plain, readable styles: system fonts, 16px+ text, contrast ≥ 7:1 for text and ≥ 4.5:1 for
 * the button, a visible focus ring. No scripts, no external resources.
 */
const STYLES = `
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f5f7}
main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #c8ccd2;border-radius:.5rem}
h1{font-size:1.5rem;margin:0 0 .25rem}
.subtitle{margin:0 0 1.5rem;color:#3d4450}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{width:100%;padding:.6rem .75rem;font:inherit;border:1px solid #5c6370;border-radius:.25rem}
input[aria-invalid="true"]{border:2px solid #a4141b}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
button{margin-top:1.5rem;width:100%;padding:.7rem;font:inherit;font-weight:600;color:#fff;background:#0b57d0;border:0;border-radius:.25rem;cursor:pointer}
.error{margin:1rem 0 0;padding:.75rem;border-left:4px solid #a4141b;background:#fdecec;color:#7a0f14}
.secondary{display:inline-block;margin-top:1rem;color:#0b57d0}
details{margin-top:1.5rem;color:#3d4450}
table{border-collapse:collapse;margin-top:.5rem;font-size:.9rem}
th,td{text-align:left;padding:.2rem .6rem .2rem 0;vertical-align:top}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Quartier</title>
<style>${STYLES}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export interface LoginPageInput {
  /** Where the form posts to. */
  readonly action: string;
  /** Link that aborts the login and returns an access_denied error to the application. */
  readonly abortHref: string;
  /** The application asking for the login (shown to the user). */
  readonly clientName: string;
  /** Prefill after a failed attempt, so only the password has to be typed again. */
  readonly username?: string;
  readonly error?: string;
  /** Demo accounts to list as a hint; omitted when empty. */
  readonly demoUsers?: readonly DemoUser[];
  readonly demoPassword?: string;
}

/**
 * The dev provider's login form. Accessibility: real labels, autocomplete hints, the error
 * announced by screen readers (role="alert") and tied to the fields (aria-describedby,
 * aria-invalid), focus placed on the field to correct.
 */
export function renderLoginPage(input: LoginPageInput): string {
  const hasError = input.error !== undefined;
  const invalid = hasError ? ' aria-invalid="true" aria-describedby="login-error"' : '';
  const error = hasError
    ? `<p id="login-error" class="error" role="alert">${escapeHtml(input.error!)}</p>`
    : '';
  const focusUser = !input.username;
  const demo =
    input.demoUsers && input.demoUsers.length > 0
      ? `<details>
<summary>Demo-Zugänge${input.demoPassword ? ` (Passwort für alle: <code>${escapeHtml(input.demoPassword)}</code>)` : ''}</summary>
<table>
<thead><tr><th scope="col">Benutzername</th><th scope="col">Zweck</th></tr></thead>
<tbody>
${input.demoUsers.map((u) => `<tr><td><code>${escapeHtml(u.username)}</code></td><td>${escapeHtml(u.description)}</td></tr>`).join('\n')}
</tbody>
</table>
</details>`
      : '';
  return page(
    'Anmelden',
    `<h1>Anmelden</h1>
<p class="subtitle">bei ${escapeHtml(input.clientName)} (Entwicklungs-Anmeldedienst)</p>
${error}
<form method="post" action="${escapeHtml(input.action)}" novalidate>
<label for="username">Benutzername</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(input.username ?? '')}"${invalid}${focusUser ? ' autofocus' : ''}>
<label for="password">Passwort</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${focusUser ? '' : ' autofocus'}>
<button type="submit">Anmelden</button>
</form>
<a class="secondary" href="${escapeHtml(input.abortHref)}">Abbrechen und zur Anwendung zurückkehren</a>
${demo}`,
  );
}

/** A message page (errors, logout) in the same look. */
export function renderMessagePage(title: string, paragraphs: readonly string[], extraHtml = ''): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>\n${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}\n${extraHtml}`,
  );
}
