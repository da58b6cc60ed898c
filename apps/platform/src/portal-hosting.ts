import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

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
  app.use(gzippedBundles(portalDir));
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

const BUNDLE = /^\/[\w.-]+\.(js|css)$/;

/**
 * The portal's script and style bundles (~6 MB) gzipped once and kept, instead of by the
 * compression middleware on every download: each new browser session fetches them, and
 * compressing them again cost the platform's one thread ~0.1 s per MB each time.
 */
function gzippedBundles(portalDir: string) {
  const zipped = new Map<string, Promise<{ body: Buffer; mtimeMs: number } | null>>();
  const load = async (file: string) => {
    try {
      const info = await stat(file);
      return { body: await promisify(gzip)(await readFile(file)), mtimeMs: info.mtimeMs };
    } catch {
      return null;
    }
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const match = BUNDLE.exec(req.path);
    if (req.method !== 'GET' || !match || !req.acceptsEncodings('gzip')) return next();
    const file = join(portalDir, req.path);
    let entry = zipped.get(file);
    if (!entry) zipped.set(file, (entry = load(file)));
    entry.then((bundle) => {
      // Names that are no bundle are not kept: any client could invent them.
      if (!bundle) {
        zipped.delete(file);
        return next();
      }
      res.setHeader(
        'Content-Type',
        match[1] === 'js' ? 'text/javascript; charset=UTF-8' : 'text/css; charset=UTF-8',
      );
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Vary', 'Accept-Encoding');
      res.setHeader('Cache-Control', 'public, max-age=3600');
      res.setHeader('Last-Modified', new Date(bundle.mtimeMs).toUTCString());
      res.end(bundle.body);
    }, next);
  };
}
