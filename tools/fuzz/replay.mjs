// The cases issue 10 found by hand, replayed with the answers they must get now. Each returns
// the list of its failures (empty: passed).
import { request as httpRequest } from 'node:http';
import { deepJson, FORMULA, hostileGeoJson } from './hostile.mjs';

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const json = (reply) => {
  try {
    return JSON.parse(reply.text);
  } catch {
    return undefined;
  }
};

function expectStatus(label, reply, expected) {
  const ok = Array.isArray(expected) ? expected.includes(reply.status) : reply.status === expected;
  return ok
    ? []
    : [`${label}: expected ${expected}, got ${reply.status ?? reply.error} ${reply.text.slice(0, 200)}`];
}

/** Polls a job resource until it leaves queued/running; returns its last state. */
async function settle(ctx, path, user) {
  for (let i = 0; i < 100; i++) {
    const body = json(await ctx.send({ method: 'get', path, user }));
    if (body && !['queued', 'running'].includes(body.status)) return body;
    await wait(200);
  }
  return { status: 'still running after 20 s' };
}

async function importIndicatorValues(ctx, format, body) {
  const reply = await ctx.send({
    method: 'post',
    path: `/api/indicator/imports?format=${format}`,
    user: 'admin',
    contentType: 'application/octet-stream',
    body,
  });
  const failures = expectStatus(`indicator ${format} import with NUL`, reply, [202, 422]);
  const id = json(reply)?.id;
  if (reply.status === 202 && id) {
    const job = await settle(ctx, `/api/indicator/imports/${id}`, 'admin');
    if (job.status !== 'failed')
      failures.push(`indicator ${format} import with NUL ended ${job.status}, expected failed`);
  }
  return failures;
}

async function areaImport(ctx, level, kind) {
  const reply = await ctx.send({
    method: 'post',
    path: `/api/registry/area-imports?level=${encodeURIComponent(level)}&validFrom=2031-01-01`,
    user: 'admin',
    contentType: 'application/geo+json',
    body: hostileGeoJson(kind),
  });
  const failures = expectStatus(`area import (${kind})`, reply, [202, 422]);
  const id = json(reply)?.id;
  if (reply.status === 202 && id) {
    const job = await settle(ctx, `/api/registry/area-imports/${id}`, 'admin');
    if (job.status !== 'failed') failures.push(`area import (${kind}) ended ${job.status}, expected failed`);
  }
  return failures;
}

/** 101 MB declared and sent: the answer must be 413 with the error body, not a reset. */
function oversizedGeoJson(ctx, level) {
  const size = 101 * 1024 * 1024;
  const url = new URL(`${ctx.baseUrl}/api/registry/area-imports?level=${encodeURIComponent(level)}`);
  return new Promise((resolve) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ctx.tokens.admin}`,
        'content-type': 'application/geo+json',
        'content-length': String(size),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () =>
        resolve(expectStatus('GeoJSON over the limit', { status: res.statusCode, text }, 413)),
      );
    });
    req.on('error', (error) =>
      resolve([`GeoJSON over the limit: ${error.code ?? error.message} instead of 413`]),
    );
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

async function openPublicWave(ctx) {
  for (const id of ctx.harvested.get('/api/survey/surveys') ?? []) {
    const body = json(await ctx.send({ method: 'get', path: `/api/survey/public/surveys/${id}` }));
    if (body?.wave?.id) return { surveyId: id, waveId: body.wave.id };
  }
  return null;
}

export const REPLAY = {
  async 'indicator imports with NUL bytes fail as jobs, the process keeps serving'(ctx) {
    const dhis2 = JSON.stringify({
      dataValues: [{ dataElement: 'S1', period: '2022', orgUnit: '01\u0000', value: '1' }],
    });
    return [
      ...(await importIndicatorValues(ctx, 'csv', 'area,period,indicator,value\n01,2022,S1,1\u0000\n')),
      ...(await importIndicatorValues(ctx, 'dhis2', dhis2)),
    ];
  },

  async 'public submissions with NUL, surrogates or 5,000-deep answers answer 422'(ctx) {
    const target = await openPublicWave(ctx);
    if (!target) return ['no open survey wave in the demo data to submit to'];
    const path = `/api/survey/public/surveys/${target.surveyId}/waves/${target.waveId}/responses`;
    const failures = [];
    for (const [label, body] of [
      ['NUL', '{"answers":{"kommentar":"a\\u0000b"}}'],
      ['surrogate', '{"answers":{"kommentar":"\\ud800"}}'],
      ['deep', `{"answers":{"kommentar":${deepJson(5000)}}}`],
    ])
      failures.push(
        ...expectStatus(
          `public submission (${label})`,
          await ctx.send({ method: 'post', path, contentType: 'application/json', body }),
          422,
        ),
      );
    return failures;
  },

  async 'paper responses: a workbook bomb answers 413, a CSV with NUL 422'(ctx) {
    const target = await openPublicWave(ctx);
    if (!target) return ['no open survey wave in the demo data to import into'];
    const reply = await ctx.send({
      method: 'post',
      path: `/api/survey/surveys/${target.surveyId}/waves/${target.waveId}/response-imports`,
      user: 'admin',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: ctx.bomb,
    });
    const csv = await ctx.send({
      method: 'post',
      path: `/api/survey/surveys/${target.surveyId}/waves/${target.waveId}/response-imports`,
      user: 'admin',
      contentType: 'text/csv',
      body: 'gebiet,kommentar\n011101,gu\u0000t\n',
    });
    return [
      ...expectStatus('paper-response workbook bomb', reply, 413),
      ...expectStatus('paper-response CSV with NUL', csv, 422),
    ];
  },

  async 'an XLSForm bomb answers 413'(ctx) {
    const [surveyId] = ctx.harvested.get('/api/survey/surveys') ?? [];
    if (!surveyId) return ['no survey in the demo data'];
    const reply = await ctx.send({
      method: 'put',
      path: `/api/survey/surveys/${surveyId}/xlsform`,
      user: 'admin',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: ctx.bomb,
    });
    return expectStatus('XLSForm bomb', reply, 413);
  },

  async 'area imports: over the limit 413, empty collection and 1 MB names refused'(ctx) {
    const area = json(await ctx.send({ method: 'get', path: '/api/registry/areas?limit=1', user: 'admin' }))
      ?.items?.[0];
    if (!area) return ['no area in the demo data'];
    return [
      ...(await oversizedGeoJson(ctx, area.level)),
      ...(await areaImport(ctx, area.level, 'empty')),
      ...(await areaImport(ctx, area.level, 'long-name')),
      ...(await areaImport(ctx, area.level, 'nul-name')),
      ...expectStatus(
        'area renamed with a bidi override',
        await ctx.send({
          method: 'patch',
          path: `/api/registry/areas/${area.id}`,
          user: 'admin',
          contentType: 'application/json',
          body: JSON.stringify({ name: 'Mitte \u202eetiM' }),
        }),
        422,
      ),
    ];
  },

  async 'renaming a wave to a taken name answers 409'(ctx) {
    const [surveyId] = ctx.harvested.get('/api/survey/surveys') ?? [];
    if (!surveyId) return ['no survey in the demo data'];
    const waves = `/api/survey/surveys/${surveyId}/waves`;
    const create = (name, from) =>
      ctx.send({
        method: 'post',
        path: waves,
        user: 'admin',
        contentType: 'application/json',
        body: JSON.stringify({ name, opensOn: from, closesOn: from.replace(/-01$/, '-28') }),
      });
    const first = await create(`Fuzz ${ctx.seed} A`, '2031-01-01');
    const second = await create(`Fuzz ${ctx.seed} B`, '2031-02-01');
    const failures = [
      ...expectStatus('wave create', first, 201),
      ...expectStatus('wave create', second, 201),
    ];
    if (failures.length > 0) return failures;
    const rename = await ctx.send({
      method: 'patch',
      path: `${waves}/${json(second).id}`,
      user: 'admin',
      contentType: 'application/json',
      body: JSON.stringify({ name: `Fuzz ${ctx.seed} A` }),
    });
    return expectStatus('wave renamed to a taken name', rename, 409);
  },

  async 'network CSV exports neutralise formula cells; CSV imports with NUL are refused'(ctx) {
    const [networkId] = ctx.harvested.get('/api/network/networks') ?? [];
    const [waveId] = ctx.harvested.get(`/api/network/networks/${networkId}/waves`) ?? [];
    if (!networkId || !waveId) return ['no network wave in the demo data'];
    const base = `/api/network/networks/${networkId}`;
    const upload = (csv) => {
      const form = new FormData();
      form.append('nodes', new Blob([csv], { type: 'text/csv' }), 'nodes.csv');
      return ctx.send({
        method: 'post',
        path: `${base}/waves/${waveId}/imports?format=csv`,
        user: 'admin',
        body: form,
      });
    };
    const formulaName = FORMULA.replaceAll('"', '""');
    const failures = [
      ...expectStatus(
        'network CSV import of an actor named like a formula',
        await upload(`id,name\nfuzz-formula,"${formulaName}"\n`),
        [200, 201, 202],
      ),
      ...expectStatus('network CSV import with NUL', await upload('id,name\nn1,Ki\u0000ta\n'), [202, 422]),
    ];
    // Imports may run as jobs: the export is read until the imported actor is in it.
    let exported;
    for (let i = 0; i < 50; i++) {
      exported = await ctx.send({
        method: 'get',
        path: `${base}/waves/${waveId}/export?format=csv-nodes`,
        user: 'admin',
      });
      if (exported.status !== 200 || exported.text.includes('fuzz-formula')) break;
      await wait(200);
    }
    failures.push(...expectStatus('network CSV export', exported, 200));
    if (exported.text.split('\n').some((line) => /(^|,)"?[=+@]/.test(line)))
      failures.push('network CSV export has a cell starting with =, + or @');
    if (!exported.text.includes(`"'=HYPERLINK`))
      failures.push('the actor named like a formula is missing from the export');
    return failures;
  },
};
