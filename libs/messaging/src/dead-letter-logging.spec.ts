import { createLogger } from '@quartier/observability';
import { Writable } from 'node:stream';
import { deliver, type DeliveryTarget } from './delivery';
import { createEnvelope } from './envelope';
import { NonRetryableEventError } from './errors';
import { fromPino } from './logger';
import { areaPayload } from './testing/fixtures';
import { encodeEnvelope, type WireMessage } from './wire';

const ANSWER = 'Herr Müller schlägt seine Kinder';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: fromPino(createLogger('evaluation', 'info', sink)) };
}

const message: WireMessage = encodeEnvelope(
  createEnvelope('registry.area.upserted', areaPayload({ tenantId: 't1' }), { tenantId: 't1', key: 'a' }),
);

function target(handler: DeliveryTarget['handler']): DeliveryTarget {
  return {
    consumer: 'evaluation.areas',
    types: new Set(['registry.area.upserted']),
    handler,
    retry: { attempts: 2, initialDelayMs: 0, maxDelayMs: 0, factor: 1 },
  };
}

async function run(wire: WireMessage, handler: DeliveryTarget['handler']) {
  const { lines, logger } = capture();
  const dead: WireMessage[] = [];
  const io = {
    logger,
    signal: new AbortController().signal,
    deadLetter: async (m: WireMessage) => void dead.push(m),
  };
  const outcome = await deliver(wire, target(handler), io);
  await new Promise((resolve) => setImmediate(resolve));
  return { outcome, lines, dead };
}

describe('log lines of failed and dead-lettered events', () => {
  it('name consumer, key and the reason’s wording, never the payload text a parse error quotes', async () => {
    const { outcome, lines, dead } = await run({ ...message, value: ANSWER }, async () => undefined);
    expect(outcome.status).toBe('dead-lettered');
    expect(dead).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain('Müller');
    expect(lines[0]).toMatchObject({
      msg: 'event dead-lettered',
      consumer: 'evaluation.areas',
      key: message.key,
      reason: expect.stringMatching(/^malformed JSON: Unexpected token '…', "…"/),
    });
  });

  it('keep the value a handler’s error quotes out of the retry and dead-letter lines', async () => {
    const failing = await run(message, async () => {
      throw new Error(`answer "${ANSWER}" is not a number`);
    });
    const refused = await run(message, async () => {
      throw new NonRetryableEventError(`answer '${ANSWER}' has no option`);
    });
    const lines = [...failing.lines, ...refused.lines];
    expect(JSON.stringify(lines)).not.toContain('Müller');
    expect(lines.map((l) => [l['msg'], l['error'] ?? l['reason']])).toEqual([
      ['event handler failed, retrying', 'answer "…" is not a number'],
      ['event dead-lettered', 'evaluation.areas failed 2 time(s): answer "…" is not a number'],
      ['event dead-lettered', "rejected by evaluation.areas: answer '…' has no option"],
    ]);
  });
});
