import { serviceErrorClass } from '../http/service-error';

/** Refusals of the upload spool, with their HTTP statuses; every service answers them the same way. */
export const UploadError = serviceErrorClass('UploadError', {
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  EmptyUpload: 422,
  UploadFailed: 400,
});
export type UploadError = InstanceType<typeof UploadError>;
