import { registerErrorStatuses } from '../http/domain-error.filter';
import { ServiceError } from '../http/service-error';

/** Every error code of the upload spool with its HTTP status: the one place its codes are declared. */
export const UPLOAD_ERROR_STATUS = {
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  EmptyUpload: 422,
  UploadFailed: 400,
} satisfies Record<string, number>;
export type UploadErrorCode = keyof typeof UPLOAD_ERROR_STATUS;

/** Refusals of the upload spool; every service answers them the same way. */
export class UploadError extends ServiceError<UploadErrorCode> {
  override readonly name = 'UploadError';
}

registerErrorStatuses(UploadError, UPLOAD_ERROR_STATUS);
