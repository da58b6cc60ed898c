import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PortalClientConfig {
  oidcIssuer: string;
  oidcClientId: string;
  apiBaseUrl: string;
  /** Demo only: whether Berlin's reference data was there to seed it (the About page says how to add it). */
  berlinData?: boolean;
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
  const assets = express.static(portalDir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml });
  // API requests (the reporting service reads the others over HTTP, ~25 per profile) skip the
  // file lookup: it is a stat in the thread pool per request for a file that cannot be there.
  app.use((req: Request, res: Response, next: NextFunction) =>
    isServicePath(req.path) ? next() : assets(req, res, next),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isServicePath(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

function isServicePath(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/oidc');
}

function noCacheForHtml(res: Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
