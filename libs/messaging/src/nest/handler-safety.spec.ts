import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DeliveredEvent, EventContext } from '../event-bus';
import { InProcessBroker } from '../in-process/in-process-broker';
import { InProcessEventBus } from '../in-process/in-process-event-bus';
import { errorMessage, silentLogger } from '../logger';
import { areaPayload } from '../testing/fixtures';
import { MessagingModule } from './messaging.module';
import { OnEvent } from './on-event.decorator';

const retry = { attempts: 2, initialDelayMs: 1, maxDelayMs: 2, factor: 2 };

/** Each handler fails differently on the area named like its failure; every other event is handled. */
@Injectable()
class HostileHandlers {
  readonly handled: string[] = [];

  @OnEvent('registry.area.upserted', { consumer: 'sync-throw', retry })
  syncThrow(event: DeliveredEvent<'registry.area.upserted'>): void {
    if (event.payload.code === 'SYNC') throw new TypeError('thrown synchronously');
    this.handled.push(`sync-throw:${event.payload.code}`);
  }

  @OnEvent('registry.area.upserted', { consumer: 'non-error', retry })
  async nonError(event: DeliveredEvent<'registry.area.upserted'>): Promise<void> {
    if (event.payload.code === 'UNDEFINED') throw undefined;
    // An object String() cannot convert: reporting it must not fail in turn.
    if (event.payload.code === 'NOPROTO') throw Object.create(null);
    this.handled.push(`non-error:${event.payload.code}`);
  }

  @OnEvent('registry.area.upserted', { consumer: 'nul', retry })
  async nul(event: DeliveredEvent<'registry.area.upserted'>, context: EventContext): Promise<void> {
    if (event.payload.code === 'NUL') throw new Error(`bad \u0000 byte in attempt ${context.attempt}`);
    this.handled.push(`nul:${event.payload.code}`);
  }
}

describe('event handlers cannot end the process', () => {
  it('retries, then dead-letters whatever a handler throws, and goes on with the next events', async () => {
    const rejections: unknown[] = [];
    const exceptions: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    const onException = (error: unknown) => exceptions.push(error);
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
    const broker = new InProcessBroker();
    @Module({
      imports: [
        MessagingModule.forRoot({
          service: 'reporting',
          dataSource: null,
          inProcessBroker: broker,
          logger: silentLogger,
          handlers: [HostileHandlers],
        }),
      ],
      providers: [HostileHandlers],
    })
    class ReportingModule {}
    const app = await NestFactory.createApplicationContext(ReportingModule, { logger: false });
    const registry = new InProcessEventBus({ service: 'registry', broker, logger: silentLogger });
    try {
      for (const code of ['SYNC', 'UNDEFINED', 'NOPROTO', 'NUL', 'OK']) {
        const area = areaPayload({ code });
        // One key for all: a poisoned event must not wedge the ones behind it.
        await registry.publish('registry.area.upserted', area, { tenantId: 'berlin-demo', key: 'same' });
      }
      await broker.whenIdle();
      await new Promise((resolve) => setImmediate(resolve));
      const handled = app.get(HostileHandlers).handled;
      expect(handled).toEqual(
        expect.arrayContaining(['sync-throw:OK', 'non-error:OK', 'nul:OK', 'nul:SYNC', 'non-error:NUL']),
      );
      const dead = broker.deadLetters.map((d) => `${d.consumer}: ${d.reason}`);
      expect(dead).toEqual(
        expect.arrayContaining([
          'sync-throw: sync-throw failed 2 time(s): thrown synchronously',
          'non-error: non-error failed 2 time(s): undefined',
          expect.stringMatching(/^non-error: non-error failed 2 time\(s\): /),
          expect.stringMatching(/^nul: nul failed 2 time\(s\): bad .* byte in attempt 2$/),
        ]),
      );
      expect(dead).toHaveLength(4);
      expect(rejections).toEqual([]);
      expect(exceptions).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
      await registry.close();
      await app.close();
    }
  });

  it('names anything thrown without throwing itself', () => {
    expect(errorMessage(new Error('x'))).toBe('x');
    expect(errorMessage('text')).toBe('text');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage(Object.create(null))).toBe('[object without prototype]');
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(errorMessage(hostile)).toBe('[unprintable value]');
  });
});
