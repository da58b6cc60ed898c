// Reporting renderer benchmark (issue 13), from the compiled server code in dist/server: builds
// the synthetic area profile (every section filled, maps and charts) and renders it to PDF,
// DOCX, XLSX and CSV. Reports cold and warm render times (p50/p95 over the warm runs) and the
// output sizes; also the 448-area class map (SVG size, build time). Bounded: 40 PDF renders.
// Besides wall times it reports the CPU time of this process per build + PDF (user + system):
// on the shared machine wall times follow the load average (reported too), CPU time much less.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { quantile } from './_embedded-platform.mjs';
import { root } from './_server-build.mjs';

const require = createRequire(import.meta.url);
const lib = (path) => require(join(root, 'dist/server/libs/reporting/core/src', path));

async function time(fn) {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  return {
    ms: Number(process.hrtime.bigint() - started) / 1e6,
    cpuMs: (used.user + used.system) / 1000,
    result,
  };
}

export default async function run() {
  const core = lib('index.js');
  const { areaProfileFixture } = lib('testing/area-profile-fixture.js');
  const { dejaVuFonts } = lib('testing/fonts.js');
  const { syntheticCity } = lib('testing/synthetic-city.js');
  const fonts = dejaVuFonts((p) => readFileSync(p), root);
  const warmRuns = 40;
  const loadBefore = loadavg();

  const cold = await time(async () =>
    core.renderPdfBuffer(core.buildAreaProfile(areaProfileFixture(), 'de'), fonts),
  );
  const build = [];
  const pdf = [];
  const cpu = [];
  for (let i = 0; i < warmRuns; i++) {
    const built = await time(() => core.buildAreaProfile(areaProfileFixture(), 'de'));
    const rendered = await time(() => core.renderPdfBuffer(built.result, fonts));
    build.push(built.ms);
    pdf.push(built.ms + rendered.ms);
    cpu.push(built.cpuMs + rendered.cpuMs);
  }
  const loadAfter = loadavg();
  build.sort((a, b) => a - b);
  pdf.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const document = core.buildAreaProfile(areaProfileFixture(), 'de');
  const docx = await time(() => core.renderDocxBuffer(document));
  const xlsx = await time(() => core.renderXlsxBuffer(document));
  const csv = await time(() => core.renderCsvFiles(document));

  const city = syntheticCity({ columns: 28, rows: 16, districtSize: [7, 4], edgeDetail: 100 });
  const classes = ['1', '2', '3', '4'].map((code, i) => ({
    code,
    label: code,
    fill: core.classColours(4)[i],
  }));
  const classOf = Object.fromEntries(city.areas.map((a, i) => [a.code, classes[i % 4].code]));
  core.choroplethMap({
    id: 'warm',
    areas: city.areas,
    classes,
    classOf,
    outlines: city.districts,
    language: 'de',
  });
  const map = await time(() =>
    core.choroplethMap({
      id: 'mss',
      areas: city.areas,
      classes,
      classOf,
      outlines: city.districts,
      language: 'de',
    }),
  );

  const result = {
    loadAverage: {
      before: loadBefore.map((l) => +l.toFixed(2)),
      after: loadAfter.map((l) => +l.toFixed(2)),
    },
    areaProfile: {
      coldPdfMs: Math.round(cold.ms),
      warmRuns,
      buildMs: { p50: +quantile(build, 0.5).toFixed(1), p95: +quantile(build, 0.95).toFixed(1) },
      buildAndPdfMs: { p50: +quantile(pdf, 0.5).toFixed(1), p95: +quantile(pdf, 0.95).toFixed(1) },
      buildAndPdfCpuMs: { p50: +quantile(cpu, 0.5).toFixed(1), p95: +quantile(cpu, 0.95).toFixed(1) },
      pdfBytes: cold.result.length,
      docxMs: Math.round(docx.ms),
      docxBytes: docx.result.length,
      xlsxMs: Math.round(xlsx.ms),
      xlsxBytes: xlsx.result.length,
      csvMs: +csv.ms.toFixed(1),
      csvBytes: csv.result.reduce((n, f) => n + f.bytes.length, 0),
    },
    classMap448: { buildMs: Math.round(map.ms), svgBytes: Buffer.byteLength(map.result.svg) },
  };
  process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
  return result;
}
