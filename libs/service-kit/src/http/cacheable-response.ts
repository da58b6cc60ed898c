import type { Request, Response } from 'express';

/** A body a reader may keep and revalidate: identified by its ETag, sent gzip-encoded if it can. */
export interface CacheableBody {
  contentType: string;
  etag: string;
  body: Buffer | string;
  /**
   * The body gzip-encoded, asked for only when the client accepts gzip; undefined sends `body` as
   * it is (e.g. when it is too small to be worth encoding). Callers keep what they encoded once.
   */
  gzip: () => Buffer | undefined;
}

/**
 * Sends a body that depends on the caller's token: private, revalidated by ETag (304 when the
 * client's copy is current), gzip-encoded when accepted. The compression middleware leaves
 * encoded bodies alone, so the encoding made once is what goes out.
 */
export function sendCacheable(req: Request, res: Response, cacheable: CacheableBody): void {
  res.setHeader('Content-Type', cacheable.contentType);
  res.setHeader('ETag', cacheable.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', 'Authorization, Accept-Encoding');
  if (req.headers['if-none-match'] === cacheable.etag) {
    res.status(304).end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? cacheable.gzip() : undefined;
  if (gzip) {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(gzip);
    return;
  }
  res.end(cacheable.body);
}
