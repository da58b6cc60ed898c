import type { Response } from 'express';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { contentDisposition, sendReportFile } from './report-files';

const ROW = {
  contentType: 'application/pdf',
  // PostgreSQL's bigint arrives as a string.
  fileSize: String(10 * 1024 * 1024),
  fileName: 'Sozialraumprofil Müllerstraße.pdf',
  fileSha256: 'ab',
};

/** An endless-looking file: 10 MiB in 64 KiB pieces, produced only as fast as it is read. */
function bigFile(): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= Number(ROW.fileSize)) return this.push(null);
      sent += 65_536;
      this.push(Buffer.alloc(65_536, 1));
    },
  });
}

describe('report files', () => {
  let server: Server;
  let outcome: Promise<unknown>;
  afterEach(() => new Promise((done) => (server ? server.close(done) : done(undefined))));

  it('names the file in ASCII and in UTF-8', () => {
    expect(contentDisposition('Sozialraumprofil Müllerstraße.pdf')).toBe(
      `attachment; filename="Sozialraumprofil Mullerstrasse.pdf"; filename*=UTF-8''Sozialraumprofil%20M%C3%BCllerstra%C3%9Fe.pdf`,
    );
  });

  it('ends quietly when the reader goes away mid-download', async () => {
    server = createServer((_req, res) => {
      outcome = sendReportFile(res as unknown as Response, { row: ROW, stream: bigFile() }).then(
        () => 'ended',
        (error: Error) => error,
      );
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((gone) => {
      const req = request({ port, host: '127.0.0.1', path: '/' }, (res) => {
        expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Sozialraumprofil/);
        res.once('data', () => {
          req.destroy();
          gone();
        });
      });
      req.end();
    });
    expect(await outcome).toBe('ended');
  });
});
