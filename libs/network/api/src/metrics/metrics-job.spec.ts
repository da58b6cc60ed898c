import type { JobView } from '@quartier/service-kit';
import { measuresKey, toMetricsJobView, type MetricsJobPayload, type MetricsJobResult } from './metrics-job';

const job = (
  over: Partial<JobView<MetricsJobPayload, MetricsJobResult>>,
): JobView<MetricsJobPayload, MetricsJobResult> => ({
  id: 'j1',
  kind: 'network-measures',
  tenantId: 't',
  createdBy: 'analyst',
  status: 'queued',
  progress: 0,
  message: null,
  rows: 0,
  detail: {},
  payload: {
    networkId: 'n1',
    waveId: 'w1',
    options: { types: ['information', 'funding'], weighted: true, seed: 7 },
    revision: 3,
  },
  result: null,
  error: null,
  attempts: 0,
  createdAt: '2030-01-01T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  heartbeatAt: null,
  ...over,
});

describe('measure job as the API shows it', () => {
  it('names the phase of each state and where the result is read', () => {
    expect(toMetricsJobView(job({}))).toMatchObject({
      status: 'queued',
      phase: 'queued',
      resultPath:
        '/api/network/networks/n1/waves/w1/metrics?types=information%2Cfunding&weighted=true&seed=7',
    });
    expect(
      toMetricsJobView(
        job({ status: 'running', progress: 0.3, detail: { phase: 'paths', actors: 9, ties: 4 } }),
      ),
    ).toMatchObject({
      status: 'running',
      phase: 'paths',
      progress: 0.3,
      actors: 9,
      ties: 4,
    });
    expect(toMetricsJobView(job({ status: 'done', result: { cached: false } }))).toMatchObject({
      status: 'succeeded',
      phase: 'done',
      progress: 1,
    });
    expect(toMetricsJobView(job({ status: 'done', result: { cached: true } })).phase).toBe('cached');
    expect(
      toMetricsJobView(
        job({ status: 'failed', error: { code: 'WaveChanged', message: 'the wave changed' } }),
      ),
    ).toMatchObject({ status: 'failed', phase: 'failed', message: 'the wave changed' });
    expect(toMetricsJobView(job({ status: 'interrupted' })).phase).toBe('interrupted');
  });

  it('keys one active job per wave, options and revision', () => {
    expect(measuresKey('w1', 'k', 3)).toBe('w1:k:3');
    expect(measuresKey('w1', 'k', 4)).not.toBe(measuresKey('w1', 'k', 3));
  });
});
