import { HttpClient, HttpParams } from '@angular/common/http';
import { inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { PORTAL_CONFIG } from '../portal-config.token';
import { fileNameFromDisposition } from './content-disposition';
import { fillPath } from './openapi-path';

/**
 * A typed client over Angular's HttpClient, keyed by the `paths` type openapi-typescript
 * generates from a service's OpenAPI document (libs/portal/data-access/src/generated). Requests
 * go through HttpClient, so the auth interceptor adds the bearer token and handles 401, and
 * failures stay `HttpErrorResponse`s that `problemFrom` turns into the UI's `ApiProblem`
 * (docs/adr/0007-generated-portal-clients.md).
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The paths of `P` that have an operation for `M`. */
export type PathsWith<P, M extends HttpMethod> = {
  [K in keyof P]: P[K] extends { [X in M]: object } ? K : never;
}[keyof P];

type OperationOf<P, K extends keyof P, M extends HttpMethod> = P[K] extends { [X in M]: infer O } ? O : never;
type ParametersOf<O> = O extends { parameters: infer R } ? R : never;
type PathParameters<O> = ParametersOf<O> extends { path: infer X } ? X : never;
type QueryParameters<O> = ParametersOf<O> extends { query?: infer Q } ? NonNullable<Q> : never;
type IsNever<T> = [T] extends [never] ? true : false;
/** Operations without a body say `requestBody?: never`: that must not become `body: unknown`. */
type JsonBody<O> = O extends { requestBody?: infer R }
  ? IsNever<NonNullable<R>> extends true
    ? never
    : NonNullable<R> extends { content: { 'application/json': infer B } }
      ? B
      : never
  : never;

/** What a call needs besides its path: path parameters, query, JSON body — only those it has. */
export type RequestInit<O> = (IsNever<PathParameters<O>> extends true
  ? unknown
  : { path: PathParameters<O> }) &
  (IsNever<QueryParameters<O>> extends true ? unknown : { query?: QueryParameters<O> }) &
  (IsNever<JsonBody<O>> extends true ? unknown : { body: JsonBody<O> });

type SuccessOf<O> = O extends { responses: infer R } ? R[Extract<keyof R, 200 | 201 | 202 | 204>] : never;
/** JSON media types: `application/json` and its kin such as `application/geo+json`. */
type JsonMediaOf<C> = Extract<keyof C, 'application/json' | `application/${string}+json`>;
/** The JSON a successful call answers (`void` when the operation answers no body, e.g. 204). */
export type JsonResponse<O> =
  SuccessOf<O> extends { content: infer C }
    ? [JsonMediaOf<C>] extends [never]
      ? never
      : C[JsonMediaOf<C>]
    : void;
/** The media types an operation takes its request body in (for files sent as they are). */
export type UploadMediaOf<O> = O extends { requestBody: { content: infer C } }
  ? Extract<keyof C, string>
  : never;

/** `[init]` when the operation has required parts, `[init?]` otherwise. */
type InitArgs<O> = object extends RequestInit<O> ? [init?: RequestInit<O>] : [init: RequestInit<O>];
/** A JSON call of method `M` on one of the paths that have it: its parts in, its answer out. */
type JsonCall<P, M extends HttpMethod> = <K extends PathsWith<P, M>>(
  path: K,
  ...init: InitArgs<OperationOf<P, K, M>>
) => Promise<JsonResponse<OperationOf<P, K, M>>>;

type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/** Query parameters without the empty ones (an empty filter means "no filter"). */
export function queryParams(query: Readonly<Record<string, QueryValue>> = {}): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params = params.append(key, String(item));
    else params = params.set(key, String(value));
  }
  return params;
}

interface LooseInit {
  path?: Readonly<Record<string, unknown>>;
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
}

/** A downloaded file: its bytes, the server's file name and its content type. */
export interface DownloadedFile {
  readonly blob: Blob;
  readonly fileName: string | null;
  readonly contentType: string;
}

/**
 * Each service's client is this class keyed by its `paths`, provided in root: every one takes
 * Angular's HttpClient and the portal's API origin from the injector the same way, here.
 */
export class OpenApiClient<P> {
  private readonly http = inject(HttpClient);
  /** The API origin ('' = same origin); paths in `P` start with `/api/`. */
  private readonly baseUrl = inject(PORTAL_CONFIG).apiBaseUrl;

  readonly get: JsonCall<P, 'get'> = (path, ...init) => this.json('GET', path, init[0]);
  readonly post: JsonCall<P, 'post'> = (path, ...init) => this.json('POST', path, init[0]);
  readonly put: JsonCall<P, 'put'> = (path, ...init) => this.json('PUT', path, init[0]);
  readonly patch: JsonCall<P, 'patch'> = (path, ...init) => this.json('PATCH', path, init[0]);
  readonly delete: JsonCall<P, 'delete'> = (path, ...init) => this.json('DELETE', path, init[0]);

  /**
   * A file sent as it is, in one of the media types the operation takes (the services stream
   * uploads to disk instead of parsing them in the request), answered with JSON. Form data
   * (`multipart/form-data`) goes with the browser's own content type, which names the boundary.
   */
  upload<M extends 'post' | 'put', K extends PathsWith<P, M>>(
    method: M,
    path: K,
    file: Blob | FormData,
    contentType: UploadMediaOf<OperationOf<P, K, M>>,
    ...init: InitArgs<OperationOf<P, K, M>>
  ): Promise<JsonResponse<OperationOf<P, K, M>>> {
    const loose = (init[0] ?? {}) as LooseInit;
    return firstValueFrom(
      this.http.request<JsonResponse<OperationOf<P, K, M>>>(
        method.toUpperCase(),
        this.baseUrl + fillPath(String(path), loose.path),
        {
          params: queryParams(loose.query),
          body: file,
          headers: file instanceof FormData ? {} : { 'Content-Type': contentType },
          responseType: 'json',
        },
      ),
    );
  }

  /**
   * A file the server answers (reports, exports, figures, documents) as it sent it, byte for
   * byte, with the file name it gave in `Content-Disposition` (null when it gave none) and its
   * content type.
   */
  async file<K extends PathsWith<P, 'get'>>(
    path: K,
    ...init: InitArgs<OperationOf<P, K, 'get'>>
  ): Promise<DownloadedFile> {
    const loose = (init[0] ?? {}) as LooseInit;
    const response = await firstValueFrom(
      this.http.get(this.baseUrl + fillPath(String(path), loose.path), {
        params: queryParams(loose.query),
        responseType: 'blob',
        observe: 'response',
      }),
    );
    const blob = response.body ?? new Blob([]);
    return {
      blob,
      fileName: fileNameFromDisposition(response.headers.get('Content-Disposition')),
      contentType: response.headers.get('Content-Type') ?? blob.type,
    };
  }

  private json<T>(method: string, path: PropertyKey, init: unknown): Promise<T> {
    const loose = (init ?? {}) as LooseInit;
    return firstValueFrom(
      this.http.request<T>(method, this.baseUrl + fillPath(String(path), loose.path), {
        params: queryParams(loose.query),
        body: loose.body,
        responseType: 'json',
      }),
    );
  }
}
