import { registerErrorStatuses } from '../http/domain-error.filter';
import { ServiceError } from '../http/service-error';

export type UploadErrorCode = 'PayloadTooLarge' | 'UnsupportedMediaType' | 'EmptyUpload' | 'UploadFailed';

/** Refusals of the upload spool; every service answers them the same way. */
export class UploadError extends ServiceError<UploadErrorCode> {
  override readonly name = 'UploadError';
}

export const UPLOAD_ERROR_STATUS: Record<UploadErrorCode, number> = {
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  EmptyUpload: 422,
  UploadFailed: 400,
};

registerErrorStatuses(UploadError, UPLOAD_ERROR_STATUS);
