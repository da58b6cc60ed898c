import type { SpooledUpload, UploadRequest, UploadSpool } from '@quartier/service-kit';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Spools an unparsed request body (Express only parses JSON and forms here, so uploads of XLSX
 * and CSV arrive as a stream) to the survey service's spool folder — refusing other content
 * types with 415 and bodies over `maxBytes` with 413 — hands it to `use`, and deletes it after.
 */
export async function withSpooledUpload<T>(
  spool: UploadSpool,
  request: UploadRequest,
  accepted: readonly string[],
  maxBytes: number,
  use: (upload: SpooledUpload) => Promise<T>,
): Promise<T> {
  const upload = await spool.receive(request, { accept: accepted, maxBytes, allowEmpty: true });
  try {
    return await use(upload);
  } finally {
    await spool.discard(upload.path);
  }
}
