import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findImportCycles } from './import-cycles.mjs';

// A small workspace in a temporary folder, resolved through its own tsconfig (paths included).
let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const cycles = () => findImportCycles(root, [{ tsconfig: 'tsconfig.json', folders: ['libs'] }]);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: {
        baseUrl: '.',
        module: 'commonjs',
        moduleResolution: 'node10',
        paths: { '@demo/measures': ['libs/measures/src/measure.dto.ts'] },
      },
    }),
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findImportCycles', () => {
  it('reports two files that import each other, with type-only imports both ways', () => {
    write(
      'libs/orders/src/order.ts',
      "import type { Line } from './line';\nexport interface Order { lines: Line[] }\n",
    );
    write(
      'libs/orders/src/line.ts',
      "import { type Order } from './order';\nexport interface Line { order: Order }\n",
    );
    expect(cycles()).toEqual([
      {
        files: ['libs/orders/src/line.ts', 'libs/orders/src/order.ts'],
        loop: ['libs/orders/src/line.ts', 'libs/orders/src/order.ts', 'libs/orders/src/line.ts'],
      },
    ]);
  });

  it('reports a loop of three files: a DTO importing its service type, the service its repository, the repository the DTO through a path alias', () => {
    write(
      'libs/measures/src/measure.dto.ts',
      "import type { MeasuresService } from './measures.service';\nexport const schema = {};\nexport type Answer = ReturnType<MeasuresService['list']>;\n",
    );
    write(
      'libs/measures/src/measures.service.ts',
      "import { MeasureRepository } from './measure.repository';\nexport class MeasuresService { list() { return new MeasureRepository().rows(); } }\n",
    );
    write(
      'libs/measures/src/measure.repository.ts',
      "import { schema } from '@demo/measures';\nexport class MeasureRepository { rows() { return [schema]; } }\n",
    );
    expect(cycles()).toEqual([
      {
        files: [
          'libs/measures/src/measure.dto.ts',
          'libs/measures/src/measure.repository.ts',
          'libs/measures/src/measures.service.ts',
        ],
        loop: [
          'libs/measures/src/measure.dto.ts',
          'libs/measures/src/measures.service.ts',
          'libs/measures/src/measure.repository.ts',
          'libs/measures/src/measure.dto.ts',
        ],
      },
    ]);
  });

  it('reports a loop closed by a re-export', () => {
    write(
      'libs/pdf/src/context.ts',
      "export { FONT } from './fonts';\nexport type Pdf = { page: number };\n",
    );
    write(
      'libs/pdf/src/fonts.ts',
      "import type { Pdf } from './context';\nexport const FONT = (pdf: Pdf) => pdf.page;\n",
    );
    expect(cycles().map((c) => c.loop)).toEqual([
      ['libs/pdf/src/context.ts', 'libs/pdf/src/fonts.ts', 'libs/pdf/src/context.ts'],
    ]);
  });

  it('reports nothing where imports go one way (into another file and out to a package)', () => {
    write(
      'libs/orders/src/order.ts',
      "import type { Line } from './line';\nexport interface Order { lines: Line[] }\n",
    );
    write(
      'libs/orders/src/line.ts',
      "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\nexport interface Line { text: string }\n",
    );
    expect(cycles()).toEqual([]);
  });
});
