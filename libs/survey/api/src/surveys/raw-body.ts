import type { Request } from 'express';
import { SurveyApiError } from '../survey.errors';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Reads an unparsed request body (Express only parses JSON and forms here, so uploads of XLSX
 * and CSV arrive as a stream) up to `limit` bytes; refuses other content types with 415.
 */
export async function readRawBody(
  request: Request,
  accepted: readonly string[],
  limit: number,
): Promise<{ bytes: Buffer; type: string }> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!accepted.includes(type))
    throw new SurveyApiError(
      'UnsupportedMediaType',
      `send the file as ${accepted.join(' or ')} (got ${type || 'no content type'})`,
    );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit)
      throw new SurveyApiError(
        'PayloadTooLarge',
        `the file is larger than ${Math.round(limit / 1024 / 1024)} MB`,
      );
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), type };
}
