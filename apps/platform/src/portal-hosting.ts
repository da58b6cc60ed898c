import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PortalClientConfig {
  oidcIssuer: string;
  oidcClientId: string;
  apiBaseUrl: string;
}

/**
 * Serves the built Angular portal and its runtime configuration. Deep links (e.g. /areas/…)
 * get index.html so the portal's router can take over; /api and /oidc are never shadowed.
 */
export function hostPortal(
  app: INestApplication,
  portalDir: string,
  clientConfig: PortalClientConfig,
): boolean {
  app.use('/portal-config.json', (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(clientConfig);
  });
  const index = join(portalDir, 'index.html');
  if (!existsSync(index)) return false;
  app.use(express.static(portalDir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      req.method !== 'GET' ||
      req.path.startsWith('/api/') ||
      req.path.startsWith('/oidc') ||
      !req.accepts('html')
    )
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

function noCacheForHtml(res: Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
