import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildProgram, main } from '../main';

// The command's own checks, made before anything is sent. Its run against a real platform
// (sign-in, request, progress, download) is part of libs/reporting/api's integration test.

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(args), stderr };
  } finally {
    spy.mockRestore();
  }
}

describe('quartier report', () => {
  it('needs exactly one of --area and --level, and --out', async () => {
    const neither = await run(['report', 'area-profile', '--out', 'x.pdf']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('name exactly one of --area <code> or --level <level>');
    const both = await run([
      'report',
      'area-profile',
      '--area',
      '0101',
      '--level',
      'bezirk',
      '--out',
      'x.pdf',
    ]);
    expect(both.code).toBe(2);
    const noOut = await run(['report', 'area-profile', '--area', '0101']);
    expect(noOut.code).not.toBe(0);
    expect(noOut.stderr).toContain("required option '--out <file>' not specified");
  });

  it('refuses an unknown format or language before signing in', async () => {
    const format = await run(['report', 'monitoring', '--run', 'x', '--format', 'rtf', '--out', '-']);
    expect(format).toEqual({
      code: 2,
      stderr: expect.stringContaining('--format must be one of pdf, docx, xlsx, csv'),
    });
    const language = await run(['report', 'programme', '--programme', 'x', '--language', 'fr', '--out', '-']);
    expect(language).toEqual({ code: 2, stderr: expect.stringContaining('--language must be de or en') });
  });

  it('needs the evaluation of an evaluation report', async () => {
    const missing = await run(['report', 'evaluation', '--out', '-']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("required option '--evaluation <id>' not specified");
  });

  it('finds the platform as token does: QUARTIER_URL, else QUARTIER_PUBLIC_URL, else localhost:PORT', () => {
    const urlDefault = (env: Record<string, string>) => {
      const saved = ['QUARTIER_URL', 'QUARTIER_PUBLIC_URL', 'PORT'].map((k) => [k, process.env[k]] as const);
      for (const [key] of saved) delete process.env[key];
      Object.assign(process.env, env);
      try {
        const program = buildProgram();
        const url = (name: string, sub?: string) => {
          const command = program.commands.find((c) => c.name() === name)!;
          const leaf = sub ? command.commands.find((c) => c.name() === sub)! : command;
          return leaf.options.find((o) => o.long === '--url')?.defaultValue as string;
        };
        return {
          report: url('report', 'area-profile'),
          monitoring: url('report', 'monitoring'),
          token: url('token'),
        };
      } finally {
        for (const [key, value] of saved)
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
      }
    };
    const all = (url: string) => ({ report: url, monitoring: url, token: url });
    expect(urlDefault({ PORT: '4100' })).toEqual(all('http://localhost:4100'));
    expect(urlDefault({ PORT: '4100', QUARTIER_PUBLIC_URL: 'https://q.example.de/' })).toEqual(
      all('https://q.example.de'),
    );
    expect(urlDefault({ QUARTIER_URL: 'http://10.0.0.5:3000', PORT: '4100' })).toEqual(
      all('http://10.0.0.5:3000'),
    );
  });

  it('names the platform it cannot sign in to', async () => {
    // A server that is not an identity provider: discovery answers 404.
    const server: Server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const result = await run(['report', 'area-profile', '--area', '0101', '--url', url, '--out', '-']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`(issuer ${url}/oidc)`);
    } finally {
      server.close();
    }
  });
});
