import { correlation } from '@quartier/observability';
import type { ServiceName } from '@quartier/contracts';
import type { z } from 'zod';
import { ReportingServiceError } from '../reporting.errors';

/** The credentials a gathering acts with: the reader's own bearer token (and chosen tenant). */
export interface OnBehalfOf {
  token: string;
  /** Sent as X-Quartier-Tenant (platform administrators choose the tenant per request). */
  tenantId: string;
}

/** What a refused or missing upstream resource means for the report: see `ServiceClient.get`. */
export class UpstreamAnswer extends Error {
  constructor(
    readonly status: number,
    readonly service: ServiceName,
    readonly path: string,
    readonly body: string,
  ) {
    super(`${service} answered ${status} for ${path}`);
    this.name = 'UpstreamAnswer';
  }
}

const TIMEOUT_MS = 60_000;
const BODY_EXCERPT = 300;

/** `http://{service}-service:3000` → the base URL of one service. */
export function serviceBaseUrl(template: string, service: ServiceName): string {
  return template.replace(/\{service\}/g, service).replace(/\/+$/, '');
}

/**
 * Reads the other services' HTTP APIs on behalf of the reader: their token travels with every
 * request, so each service applies its own tenant, scope, pseudonymisation and k-anonymity
 * rules. Answers are validated with the schema of what the report reads from them.
 */
export class ServiceClient {
  constructor(
    private readonly template: string,
    private readonly auth: OnBehalfOf,
    private readonly signal?: AbortSignal,
  ) {}

  url(service: ServiceName, path: string, query: Record<string, string | number | undefined> = {}): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    const qs = search.toString();
    return `${serviceBaseUrl(this.template, service)}${path}${qs ? `?${qs}` : ''}`;
  }

  /**
   * GET and validate. Non-2xx answers throw `UpstreamAnswer` (callers decide whether a 403 or
   * 404 ends the report or only leaves a topic out); unreachable services and answers that do
   * not match the schema throw `UpstreamFailed`.
   */
  async get<S extends z.ZodType>(
    service: ServiceName,
    path: string,
    schema: S,
    query: Record<string, string | number | undefined> = {},
  ): Promise<z.infer<S>> {
    const url = this.url(service, path, query);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          authorization: `Bearer ${this.auth.token}`,
          'x-quartier-tenant': this.auth.tenantId,
          'x-correlation-id': correlation.currentOrNew(),
          accept: 'application/json, application/geo+json',
          // Uncompressed: gzip on the service's side and gunzip here cost more CPU than the bytes
          // between services cost time (a profile reads ~25 answers, a batch some megabytes).
          'accept-encoding': 'identity',
        },
        signal: this.signal
          ? AbortSignal.any([this.signal, AbortSignal.timeout(TIMEOUT_MS)])
          : AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      if (this.signal?.aborted) throw error;
      throw new ReportingServiceError(
        'UpstreamFailed',
        `the ${service} service could not be reached (${(error as Error).message})`,
        { service, path },
      );
    }
    const text = await response.text();
    if (!response.ok) throw new UpstreamAnswer(response.status, service, path, text.slice(0, BODY_EXCERPT));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ReportingServiceError(
        'UpstreamFailed',
        `the ${service} service answered ${path} with no JSON`,
        {
          service,
          path,
        },
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ReportingServiceError(
        'UpstreamFailed',
        `the ${service} service answered ${path} in an unexpected shape (${issue?.path.join('.') || 'root'}: ${issue?.message})`,
        { service, path },
      );
    }
    return parsed.data;
  }
}

/** A 401/403/404 of the subject itself ends the request with the matching error. */
export function subjectRefusal(error: unknown, what: string): never {
  if (error instanceof UpstreamAnswer) {
    if (error.status === 404)
      throw new ReportingServiceError('SubjectNotFound', `${what} not found`, { service: error.service });
    if (error.status === 401 || error.status === 403)
      throw new ReportingServiceError(
        'UpstreamRefused',
        `${what}: the ${error.service} service refused access`,
        {
          service: error.service,
        },
      );
    throw new ReportingServiceError(
      'UpstreamFailed',
      `${what}: the ${error.service} service answered ${error.status}`,
      {
        service: error.service,
        path: error.path,
      },
    );
  }
  throw error;
}

/**
 * An answer about what every report reads besides its subject (the tenant, its areas and
 * geometries) that no topic caught: the service's refusal is the reader's (403), anything else the
 * service's failure (502) — never an error of ours.
 */
export function gatheringFailure(error: unknown): unknown {
  if (!(error instanceof UpstreamAnswer)) return error;
  if (error.status === 401 || error.status === 403)
    return new ReportingServiceError('UpstreamRefused', `the ${error.service} service refused access`, {
      service: error.service,
      path: error.path,
    });
  return new ReportingServiceError(
    'UpstreamFailed',
    `the ${error.service} service answered ${error.status} for ${error.path}`,
    { service: error.service, path: error.path },
  );
}

/** Whether an upstream refusal means "this reader may not see that topic" (left out, said so). */
export function isRefusal(error: unknown): error is UpstreamAnswer {
  return error instanceof UpstreamAnswer && (error.status === 401 || error.status === 403);
}
