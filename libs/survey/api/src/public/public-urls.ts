import { ServiceUnavailableException } from '@nestjs/common';
import type { RuntimeConfig } from '@quartier/service-kit';

/** Where respondents find the public forms; every deployment that routes /api/survey/ reaches it. */
export const PUBLIC_BASE = '/api/survey/public';

/**
 * The origin respondents reach this deployment at, from configuration only
 * (QUARTIER_PUBLIC_URL). Request headers (Host, X-Forwarded-Host) are chosen by whoever sends
 * the request: a link or QR code built from them — cached by browsers and proxies — could send
 * respondents to an attacker's host.
 */
export function publicOrigin(runtime: Pick<RuntimeConfig, 'publicUrl'>): string {
  if (!runtime.publicUrl)
    throw new ServiceUnavailableException(
      'public links need QUARTIER_PUBLIC_URL (the origin respondents reach Quartier at)',
    );
  return runtime.publicUrl.replace(/\/+$/, '');
}

export function publicFormUrl(origin: string, surveyId: string, areaKey?: string, language?: string): string {
  const params = new URLSearchParams();
  if (areaKey) params.set('area', areaKey);
  if (language) params.set('lang', language);
  const query = params.toString();
  return `${origin}${PUBLIC_BASE}/f/${surveyId}${query ? `?${query}` : ''}`;
}
