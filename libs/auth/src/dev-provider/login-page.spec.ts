import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { escapeHtml, renderLoginPage, renderMessagePage } from './login-page';

describe('dev provider login page', () => {
  const base = {
    action: '/oidc/interaction/abc/login',
    abortHref: '/oidc/interaction/abc/abort',
    clientName: 'Quartier',
  };

  it('is German, labelled, and focuses the username first', () => {
    const html = renderLoginPage(base);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<title>Anmelden – Quartier</title>');
    expect(html).toContain('<label for="username">Benutzername</label>');
    expect(html).toMatch(
      /<input id="username" name="username" type="text" autocomplete="username"[^>]* autofocus>/,
    );
    expect(html).toMatch(
      /<input id="password" name="password" type="password" autocomplete="current-password" required>/,
    );
    expect(html).not.toContain('role="alert"');
    expect(html).not.toContain('<script');
  });

  it('announces an error, ties it to the fields and focuses the password after a failed attempt', () => {
    const html = renderLoginPage({
      ...base,
      username: 'planer',
      error: 'Benutzername oder Passwort ist falsch.',
    });
    expect(html).toContain(
      '<p id="login-error" class="error" role="alert">Benutzername oder Passwort ist falsch.</p>',
    );
    expect(html.match(/aria-invalid="true" aria-describedby="login-error"/g)).toHaveLength(2);
    expect(html).toMatch(/type="password"[^>]* autofocus>/);
    expect(html).toContain('value="planer"');
  });

  it('escapes everything it echoes', () => {
    const html = renderLoginPage({
      ...base,
      username: '"><script>alert(1)</script>',
      clientName: '<b>x</b>',
    });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('value="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;"');
    expect(html).toContain('bei &#60;b&#62;x&#60;/b&#62;');
    expect(escapeHtml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
  });

  it('lists the demo accounts when asked to, with the shared password', () => {
    const html = renderLoginPage({ ...base, demoUsers: DEMO_USERS, demoPassword: DEMO_PASSWORD });
    for (const user of DEMO_USERS) expect(html).toContain(`<code>${user.username}</code>`);
    expect(html).toContain('Passwort für alle: <code>demo</code>');
    expect(renderLoginPage(base)).not.toContain('Demo-Zugänge');
  });

  it('renders message pages with an escaped title', () => {
    expect(renderMessagePage('A & B', ['x < y'])).toContain('<h1>A &#38; B</h1>\n<p>x &#60; y</p>');
  });
});
