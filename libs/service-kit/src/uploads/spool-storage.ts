import type { Readable } from 'node:stream';
import type { SpoolLimits, UploadSpool } from './upload-spool';

/** A file part as multer hands it to a storage engine. */
interface MultipartFile {
  stream: Readable;
  mimetype: string;
}

/** What a spooled multipart file looks like in the controller (`@UploadedFiles()`). */
export interface SpooledPart {
  fieldname: string;
  originalname: string;
  path: string;
  size: number;
  sha256: string;
}

type Done = (error: Error | null, info?: Partial<SpooledPart>) => void;

/**
 * A multer storage engine that spools each file part like any other upload (limit, hash, one
 * folder per service), for multipart imports: `FileFieldsInterceptor(fields, { storage })`.
 * The controller deletes the files when the import is done.
 */
export function spoolStorage(spool: UploadSpool, limits: SpoolLimits) {
  return {
    _handleFile(_request: unknown, file: MultipartFile, done: Done): void {
      spool.write(file.stream, limits, file.mimetype || null).then(
        (upload) => done(null, { path: upload.path, size: upload.bytes, sha256: upload.sha256 }),
        (error: Error) => done(error),
      );
    },
    _removeFile(_request: unknown, file: { path?: string }, done: (error: Error | null) => void): void {
      if (!file.path) return done(null);
      spool.discard(file.path).then(
        () => done(null),
        (error: Error) => done(error),
      );
    },
  };
}
