import { createLogger } from '@quartier/observability';
import { Writable } from 'node:stream';
import { PinoNestLogger } from './nest-logger';

function capture(level: 'info' | 'debug'): {
  logger: PinoNestLogger;
  lines: () => { level: number; msg: string }[];
} {
  const chunks: string[] = [];
  const sink = new Writable({
    write: (chunk, _encoding, done) => {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = new PinoNestLogger(createLogger('test', level, sink));
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}

describe('PinoNestLogger', () => {
  it('keeps Nest’s route and module announcements out of the info log', () => {
    const { logger, lines } = capture('info');
    logger.log('Mapped {/api/registry/areas, GET} route', 'RouterExplorer');
    logger.log('AreasController {/api/registry/areas}:', 'RoutesResolver');
    logger.log('RegistryApiModule dependencies initialized', 'InstanceLoader');
    logger.log('demo data ready', 'Platform');
    expect(lines().map((l) => l.msg)).toEqual(['demo data ready']);
  });

  it('shows them with LOG_LEVEL=debug', () => {
    const { logger, lines } = capture('debug');
    logger.log('Mapped {/api/registry/areas, GET} route', 'RouterExplorer');
    expect(lines().map((l) => l.msg)).toEqual(['Mapped {/api/registry/areas, GET} route']);
  });

  it('never hides warnings of those contexts', () => {
    const { logger, lines } = capture('info');
    logger.warn('duplicate route', 'RouterExplorer');
    expect(lines()).toHaveLength(1);
  });
});
