// Test helper: a client over the server's HTTP API that reads every answer with the API contract
// (@perses-cm/api). A success must match its route's schema and an error the error envelope, so
// a test fails on a response the web app could not read, whatever it asserts afterwards.
import { z } from 'zod';
import {
  API,
  ApplyNowAvailability,
  ConsoleSettings,
  RelabelPlan,
  SettingsView,
  SplitPlan,
  SplitResponse,
  CSRF_HEADER,
  ConflictDetails,
  DeleteResourceResponse,
  ErrorBody,
  FieldError,
  Finding,
  HealthResponse,
  LagHistoryResponse,
  ListResourcesResponse,
  AuditResponse,
  OrphansResponse,
  ResourceDetail,
  ResourcePipeline,
  SessionResponse,
  ServedDocument,
  StatusOverview,
  UnavailableDetails,
  ValidateResponse,
  WhoAmIResponse,
  type WriteOutcome,
} from '@perses-cm/api';

type ApiError = ErrorBody['error'];

export class Reply<T> {
  readonly #body: T | undefined;
  readonly #error: ApiError | undefined;

  constructor(
    readonly status: number,
    readonly headers: Headers,
    parsed: { body: T } | { error: ApiError },
  ) {
    this.#body = 'body' in parsed ? parsed.body : undefined;
    this.#error = 'error' in parsed ? parsed.error : undefined;
  }

  /** The success body; reading it on an error answer fails the test with that error. */
  get body(): T {
    if (this.#error) {
      throw new Error(`expected a success, got ${this.status} ${JSON.stringify(this.#error)}`);
    }
    return this.#body as T;
  }

  /** The error of the envelope; reading it on a success fails the test. */
  get error(): ApiError {
    if (!this.#error) throw new Error(`expected an error, got ${this.status}`);
    return this.#error;
  }

  /** `details.fields` of a 400. */
  fields(): FieldError[] {
    return z.object({ fields: z.array(FieldError) }).parse(this.error.details).fields;
  }

  /** `details.findings` of a 400 `validation_failed` (or a refused request body). */
  findings(): Finding[] {
    return z.object({ findings: z.array(Finding) }).parse(this.error.details).findings;
  }

  /** `details.outcome` of a 503 `unavailable` write: whether it may have been applied. */
  outcome(): WriteOutcome {
    return UnavailableDetails.parse(this.error.details).outcome;
  }

  /** `details.current` of a 409 `conflict`: what is stored now. */
  current(): ResourceDetail | null {
    return ConflictDetails.parse(this.error.details).current;
  }
}

export interface CallOptions<T> {
  /** The schema of a 2xx body. */
  schema: z.ZodType<T>;
  /** Statuses other than 2xx whose body is not the error envelope (e.g. 503 of /readyz). */
  also?: number[];
  body?: unknown;
  /** Sent as is instead of `body` (malformed or hand-escaped JSON). */
  raw?: string;
}

const NoBody = z.undefined();
const Text = z.string();

/**
 * A client as the web app is one: it sends the CSRF header on every request. `headers` go with
 * every request too (an auth proxy's user headers, a session cookie). `answerWithinMs`: every call
 * fails unless the whole answer arrived within that time.
 */
export function apiClient(
  base: string,
  options: { headers?: Record<string, string>; answerWithinMs?: number } = {},
) {
  const { answerWithinMs } = options;
  const call = async <T>(method: string, path: string, opts: CallOptions<T>) => {
    const sends = opts.body !== undefined || opts.raw !== undefined;
    const signal = answerWithinMs === undefined ? undefined : AbortSignal.timeout(answerWithinMs);
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        [CSRF_HEADER]: '1',
        ...options.headers,
        ...(sends ? { 'content-type': 'application/json' } : {}),
      },
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal,
    });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
    const value: unknown = text === '' ? undefined : json ? JSON.parse(text) : text;
    const where = `${method} ${path} answered ${res.status}`;
    if (res.ok || opts.also?.includes(res.status)) {
      const body = opts.schema.safeParse(value);
      if (!body.success) throw new Error(`${where}, off contract: ${body.error.message}`);
      return new Reply<T>(res.status, res.headers, { body: body.data });
    }
    const envelope = ErrorBody.safeParse(value);
    if (!envelope.success) throw new Error(`${where} without the error envelope: ${text}`);
    return new Reply<T>(res.status, res.headers, { error: envelope.data.error });
  };
  return {
    call,
    list: (query = '') =>
      call('GET', `${API.resources}${query}`, { schema: ListResourcesResponse }),
    get: (id: string) => call('GET', API.resource(id), { schema: ResourceDetail }),
    create: (body: unknown) => call('POST', API.resources, { schema: ResourceDetail, body }),
    update: (id: string, body: unknown) =>
      call('PUT', API.resource(id), { schema: ResourceDetail, body }),
    remove: (id: string, version: string) =>
      call('DELETE', `${API.resource(id)}?version=${encodeURIComponent(version)}`, {
        schema: NoBody,
      }),
    validate: (body: unknown) => call('POST', API.validate, { schema: ValidateResponse, body }),
    splitPlan: (id: string) => call('GET', API.split(id), { schema: SplitPlan }),
    split: (id: string, version: string) =>
      call('POST', API.split(id), { schema: SplitResponse, body: { version } }),
    whoami: () => call('GET', API.whoami, { schema: WhoAmIResponse }),
    applyNow: () => call('GET', API.applyNow, { schema: ApplyNowAvailability }),
    /** Deletes with `applyNow=true`: the ConfigMap, then the resource in Perses. */
    removeApplyNow: (id: string, version: string) =>
      call('DELETE', `${API.resource(id)}?version=${encodeURIComponent(version)}&applyNow=true`, {
        schema: DeleteResourceResponse,
      }),
    session: () => call('GET', API.session, { schema: SessionResponse }),
    signIn: (token: string) =>
      call('POST', API.session, { schema: SessionResponse, body: { token } }),
    signOut: () => call('DELETE', API.session, { schema: NoBody }),
    audit: (query = '') => call('GET', `${API.audit}${query}`, { schema: AuditResponse }),
    health: (path: typeof API.healthz | typeof API.readyz) =>
      call('GET', path, { schema: HealthResponse, also: [503] }),
    metrics: () => call('GET', API.metrics, { schema: Text }),
    status: () => call('GET', API.status, { schema: StatusOverview }),
    pipeline: (id: string) => call('GET', API.statusResource(id), { schema: ResourcePipeline }),
    served: (id: string) => call('GET', API.statusServed(id), { schema: ServedDocument }),
    orphans: () => call('GET', API.orphans, { schema: OrphansResponse }),
    deleteOrphan: (id: string, confirm: string) =>
      call('DELETE', `${API.orphan(id)}?confirm=${encodeURIComponent(confirm)}`, {
        schema: NoBody,
      }),
    lag: (id?: string) =>
      call('GET', `${API.lag}${id === undefined ? '' : `?id=${encodeURIComponent(id)}`}`, {
        schema: LagHistoryResponse,
      }),
    settings: () => call('GET', API.settings, { schema: SettingsView }),
    saveSettings: (body: unknown) => call('PUT', API.settings, { schema: ConsoleSettings, body }),
    relabelPlan: (body: unknown) => call('POST', API.relabelPlan, { schema: RelabelPlan, body }),
    /** A raw JSON body to a write route; the answer is read as that route's. */
    send: (method: 'POST' | 'PUT', path: string, raw: string) =>
      call(method, path, { schema: ResourceDetail, raw }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
