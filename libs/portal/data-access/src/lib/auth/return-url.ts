/**
 * Only same-app paths are followed after login, so a crafted `state` cannot send the user to
 * another site: no scheme, no protocol-relative `//host` (nor `/\host`, which browsers read the
 * same way), and never back into the callback itself.
 */
export function safeReturnUrl(candidate: string | null | undefined): string {
  if (!candidate || !candidate.startsWith('/')) return '/';
  if (candidate.startsWith('//') || candidate.startsWith('/\\') || hasControlCharacter(candidate)) return '/';
  if (
    candidate === '/auth/callback' ||
    candidate.startsWith('/auth/callback?') ||
    candidate.startsWith('/auth/callback#')
  )
    return '/';
  return candidate;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}
