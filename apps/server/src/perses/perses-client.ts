// The only module that talks to Perses: builds its URLs from the kind table, validates documents
// with Perses's own plugin schemas, and reads its health. Every call has a timeout.
import { kindInfo } from '../domain/model.ts';

/** Kinds for which Perses has `POST /api/validate/<plural>` (v0.54.0). */
const VALIDATE_PLURALS = new Set([
  'dashboards',
  'datasources',
  'globaldatasources',
  'variables',
  'globalvariables',
]);

export type PersesVerdict =
  | { checked: true; url: string; valid: boolean; message?: string }
  | { checked: false; skipped: string; url?: string };

export interface PersesHealth {
  reachable: boolean;
  version?: string;
  message?: string;
}

export class PersesClient {
  private readonly base: URL;

  constructor(
    baseUrl: string,
    private readonly timeoutMs = 5000,
  ) {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw new Error('Perses URL must be http(s)');
    if (u.username || u.password) throw new Error('Perses URL must not carry credentials');
    this.base = u;
  }

  get url(): string {
    return this.base.toString().replace(/\/$/, '');
  }

  async validate(kind: string, document: unknown): Promise<PersesVerdict> {
    const plural = kindInfo(kind)?.plural;
    if (!plural || !VALIDATE_PLURALS.has(plural)) {
      return { checked: false, skipped: `Perses has no validation route for ${kind}` };
    }
    const url = this.path(`/api/validate/${plural}`);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(document),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      return { checked: false, url, skipped: `Perses is unreachable: ${(err as Error).message}` };
    }
    if (res.ok) return { checked: true, url, valid: true };
    const text = await res.text().catch(() => '');
    if (res.status === 400 || res.status === 422) {
      return { checked: true, url, valid: false, message: messageOf(text) ?? `HTTP ${res.status}` };
    }
    return {
      checked: false,
      url,
      skipped: `Perses answered HTTP ${res.status}: ${messageOf(text) ?? ''}`.trim(),
    };
  }

  async health(): Promise<PersesHealth> {
    try {
      const res = await fetch(this.path('/api/v1/health'), {
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = (await res.json().catch(() => ({}))) as { version?: unknown };
      return {
        reachable: res.ok,
        version: typeof body.version === 'string' ? body.version : undefined,
        message: res.ok ? undefined : `HTTP ${res.status}`,
      };
    } catch (err) {
      return { reachable: false, message: (err as Error).message };
    }
  }

  private path(p: string): string {
    return new URL(
      p,
      this.base.toString().endsWith('/') ? this.base : `${this.base.toString()}/`,
    ).toString();
  }
}

function messageOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    if (typeof body.message === 'string') return body.message;
    if (typeof body.error === 'string') return body.error;
  } catch {
    /* not JSON */
  }
  return text ? text.slice(0, 500) : undefined;
}
