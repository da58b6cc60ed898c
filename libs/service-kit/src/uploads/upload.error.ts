import { registerErrorStatuses } from '../http/domain-error.filter';

export type UploadErrorCode = 'PayloadTooLarge' | 'UnsupportedMediaType' | 'EmptyUpload' | 'UploadFailed';

/** Refusals of the upload spool; every service answers them the same way. */
export class UploadError extends Error {
  constructor(
    readonly code: UploadErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export const UPLOAD_ERROR_STATUS: Record<UploadErrorCode, number> = {
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  EmptyUpload: 422,
  UploadFailed: 400,
};

registerErrorStatuses(UploadError, UPLOAD_ERROR_STATUS);
