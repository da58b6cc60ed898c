import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One Prometheus registry per process. In embedded mode all service modules share the process,
 * so HTTP metrics carry a `service` label instead of living in separate registries.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests: Histogram<'service' | 'method' | 'route' | 'status'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Histogram({
      name: 'quartier_http_request_duration_seconds',
      help: 'HTTP request duration by service, route and status',
      labelNames: ['service', 'method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

let shared: Metrics | undefined;
export function processMetrics(): Metrics {
  shared ??= new Metrics();
  return shared;
}
