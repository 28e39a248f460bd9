// The only module that talks to Perses: resource reads and writes on the kinds table's paths,
// validation with Perses's own plugin schemas, health and configuration. Every call has a deadline,
// carries the console's credentials (never the browser's), and fails only with the app's AppError.
import { setTimeout as sleep } from 'node:timers/promises';
import { badRequest } from '../domain/errors.ts';
import {
  describeIdentity,
  identity,
  kindInfo,
  persesApiPath,
  persesValidatePath,
  type PersesKind,
} from '../domain/model.ts';
import {
  PersesConfig,
  PersesHealth,
  PersesResource,
  jsonOrUndefined,
  readAnswer,
} from './perses-answers.ts';
import { persesStatusError, messageOf } from './perses-errors.ts';
import { PersesHttp, type HttpAnswer, type SendOptions } from './perses-http.ts';
import {
  createSession,
  type AuthActivity,
  type PersesAuth,
  type PersesSession,
} from './perses-session.ts';
import { urlOf, type PersesTransport } from './transport.ts';

export type { PersesAuth, AuthActivity, PersesResource, PersesConfig, PersesHealth };

export type PersesVerdict =
  | { checked: true; url: string; valid: boolean; message?: string }
  | { checked: false; skipped: string; url?: string };

export interface ListOptions {
  /** Only this project's resources (project-scoped kinds); all projects when absent. */
  project?: string;
  /** Ask for kind and metadata only, where Perses supports it (see `metadataOnly` in KINDS). */
  metadataOnly?: boolean;
  /**
   * An earlier answer to the same request: returned as it is when Perses sends the same bytes.
   * Perses v0.54.0 sets no ETag and honours no If-None-Match, so comparing the body is the cheap
   * way to skip parsing and checking thousands of unchanged items on every poll.
   */
  previous?: PersesList;
}

export interface PersesList {
  items: PersesResource[];
  /** Whether Perses sent metadata only (false for kinds whose lists do not support it). */
  metadataOnly: boolean;
  /** The body as Perses sent it (what `previous` is compared by). */
  body: string;
}

export interface ClientOptions {
  timeoutMs?: number;
  now?: () => number;
}

const HEALTH_PATH = '/api/v1/health';
const CONFIG_PATH = '/api/config';
const MIGRATE_PATH = '/api/migrate';

/**
 * Pauses before a read answered 500 is asked again. Perses's file database rewrites a document in
 * place (os.WriteFile truncates, then writes), so a read racing provisioning's or anyone's write
 * finds a cut document and Perses answers 500 "internal server error" (its log: "unexpected end of
 * JSON input"). The write takes microseconds; one more read sees the whole document.
 */
const READ_RETRY_PAUSES_MS = [10, 50, 200];

export class PersesClient {
  private readonly http: PersesHttp;
  private readonly session: PersesSession;

  constructor(
    readonly transport: PersesTransport,
    auth: PersesAuth = { type: 'none' },
    options: ClientOptions = {},
  ) {
    this.http = new PersesHttp(transport, options.timeoutMs);
    this.session = createSession(auth, this.http, options.now);
  }

  /** How Perses is reached, for people (a URL, or the proxy in front of it). */
  get where(): string {
    return this.transport.description;
  }

  authActivity(): AuthActivity {
    return this.session.activity();
  }

  async get(kind: PersesKind, project: string | null, name: string): Promise<PersesResource> {
    const what = describe(kind, project, name);
    const res = await this.call('GET', persesApiPath(kind, project ?? undefined, name), what);
    return readAnswer(PersesResource, res.text, what);
  }

  async list(kind: PersesKind, options: ListOptions = {}): Promise<PersesList> {
    const metadataOnly = options.metadataOnly === true && kindInfo(kind)?.metadataOnly === true;
    const what = `list of ${kind}${options.project ? ` in project "${options.project}"` : ''}`;
    const query = new URLSearchParams(metadataOnly ? { metadata_only: 'true' } : {});
    const res = await this.call('GET', persesApiPath(kind, options.project), what, { query });
    const previous = options.previous;
    if (previous?.body === res.text && previous.metadataOnly === metadataOnly) return previous;
    return {
      items: readAnswer(PersesResource.array(), res.text, what),
      metadataOnly,
      body: res.text,
    };
  }

  /** Creates a resource from its document (kind, metadata.project, metadata.name). */
  async create(document: unknown): Promise<PersesResource> {
    const { kind, project, name } = identify(document);
    const what = `create ${describe(kind, project, name)}`;
    const res = await this.call('POST', persesApiPath(kind, project ?? undefined), what, {
      body: document,
    });
    return readAnswer(PersesResource, res.text, what);
  }

  /** Replaces a resource (Perses has no version precondition: the last writer wins). */
  async update(document: unknown): Promise<PersesResource> {
    const { kind, project, name } = identify(document);
    const what = `update ${describe(kind, project, name)}`;
    const res = await this.call('PUT', persesApiPath(kind, project ?? undefined, name), what, {
      body: document,
    });
    return readAnswer(PersesResource, res.text, what);
  }

  async delete(kind: PersesKind, project: string | null, name: string): Promise<void> {
    const what = `delete ${describe(kind, project, name)}`;
    await this.call('DELETE', persesApiPath(kind, project ?? undefined, name), what);
  }

  /** Perses's verdict on a document; a verdict that could not be had says why, never throws. */
  async validate(kind: string, document: unknown): Promise<PersesVerdict> {
    const path = persesValidatePath(kind);
    if (!path) return { checked: false, skipped: `Perses has no validation route for ${kind}` };
    const url = urlOf(this.transport, path);
    let res: HttpAnswer;
    try {
      res = await this.http.send('POST', path, { body: document });
    } catch (err) {
      return { checked: false, url, skipped: (err as Error).message };
    }
    if (res.status === 200) return { checked: true, url, valid: true };
    if (res.status === 400 || res.status === 422)
      return {
        checked: true,
        url,
        valid: false,
        message: messageOf(res.text) ?? `HTTP ${res.status}`,
      };
    return {
      checked: false,
      url,
      skipped: persesStatusError(res.status, res.text, 'validate').message,
    };
  }

  /**
   * A Grafana dashboard as a Perses Dashboard, by Perses's own migration (the loaded plugins'
   * migration schemas). `input` fills the dashboard's `__inputs` variables.
   */
  async migrate(
    grafanaDashboard: unknown,
    input: Record<string, string> = {},
  ): Promise<PersesResource> {
    const res = await this.call('POST', MIGRATE_PATH, 'migrate a Grafana dashboard', {
      body: { input, grafanaDashboard },
    });
    return readAnswer(PersesResource, res.text, 'migrate a Grafana dashboard');
  }

  /** Version and database health; Perses's 503 with a health body is an answer (database down). */
  async health(): Promise<PersesHealth> {
    const res = await this.http.send('GET', HEALTH_PATH);
    if (res.status === 503) {
      // A proxy in front answers 503 too, with a body of its own: then Perses is unavailable.
      const down = PersesHealth.safeParse(jsonOrUndefined(res.text));
      if (down.success) return down.data;
    }
    if (res.status !== 200) throw persesStatusError(res.status, res.text, 'health');
    return readAnswer(PersesHealth, res.text, 'health');
  }

  /** The effective configuration (anonymous in Perses; secret fields come back as `<secret>`). */
  async config(): Promise<PersesConfig> {
    const res = await this.http.send('GET', CONFIG_PATH);
    if (res.status !== 200) throw persesStatusError(res.status, res.text, 'config');
    return readAnswer(PersesConfig, res.text, 'config');
  }

  /**
   * A call with the session's token; one retry with a fresh login when Perses answers 401, and a
   * read answered 500 asked again after a pause (see READ_RETRY_PAUSES_MS). Writes are never
   * repeated: Perses may have done what a failed write asked.
   */
  private async call(
    method: string,
    path: string,
    what: string,
    options: SendOptions = {},
  ): Promise<HttpAnswer> {
    let res = await this.callOnce(method, path, options);
    for (const pause of method === 'GET' ? READ_RETRY_PAUSES_MS : []) {
      if (res.status !== 500) break;
      await sleep(pause);
      res = await this.callOnce(method, path, options);
    }
    if (res.status < 200 || res.status >= 300) throw persesStatusError(res.status, res.text, what);
    return res;
  }

  private async callOnce(method: string, path: string, options: SendOptions): Promise<HttpAnswer> {
    const token = await this.session.token();
    const res = await this.http.send(method, path, { ...options, token });
    if (res.status === 401 && (await this.session.renew(token)))
      return this.http.send(method, path, { ...options, token: await this.session.token() });
    return res;
  }
}

function describe(kind: PersesKind, project: string | null, name: string): string {
  return describeIdentity(project === null ? { kind, name } : { kind, project, name });
}

function identify(document: unknown): { kind: PersesKind; project: string | null; name: string } {
  const id = identity(document);
  if (!id || !kindInfo(id.kind)) throw badRequest('the document has no Perses kind and name');
  if (kindInfo(id.kind)?.scope === 'project' && !id.project)
    throw badRequest(`${id.kind} "${id.name}" needs metadata.project`);
  return { kind: id.kind as PersesKind, project: id.project ?? null, name: id.name };
}
