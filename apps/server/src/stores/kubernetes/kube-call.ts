// Every Kubernetes API call runs under a deadline that aborts the request (not just stops waiting
// for it), and every failure becomes an AppError that says what is known about a write: not sent,
// or sent with no answer (it may have been applied). It also remembers whether the API server
// answers at all, so writes fail at once while it does not instead of each waiting out a deadline.
import { ApiException, type ConfigurationOptions } from '@kubernetes/client-node';
import type { WriteOutcome } from '@perses-cm/api';
import { AppError } from '../../domain/errors.ts';
import { httpWithDeadline } from './kube-http.ts';
import { impersonationHeaders, type Impersonation } from './kube-identity.ts';
import { kubeStatusError } from './kube-status.ts';

export interface KubeDeadlines {
  /** Longest wait for a read (a list page, a ConfigMap, an access review). */
  readMs: number;
  /** Longest wait for a write's answer; past it the outcome is unknown. */
  writeMs: number;
  /**
   * Longest wait for a quick check: that the API server answers again (before a write, while it
   * is thought unreachable), or what a write whose answer never came left behind.
   */
  checkMs: number;
}

export const DEFAULT_DEADLINES: KubeDeadlines = { readMs: 30_000, writeMs: 10_000, checkMs: 2_000 };

/** Options that make a generated API call carry `signal`, so a deadline aborts the request. */
export type CallOptions = ConfigurationOptions;

function withSignal(signal: AbortSignal, as?: Impersonation): CallOptions {
  return { httpApi: httpWithDeadline(signal, as ? impersonationHeaders(as) : {}) };
}

/** Errors raised before a byte of the request left: nothing can have been applied. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function networkCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : e.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

function describe(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}

/** An HTTP answer from the API server, or a failure to get one. */
function statusOf(err: unknown): AppError | null {
  if (err instanceof ApiException) return kubeStatusError(err.code, err.body);
  const code = (err as { statusCode?: unknown })?.statusCode;
  if (typeof code === 'number') return kubeStatusError(code, (err as Error).message);
  if (err instanceof AppError) return err;
  return null;
}

export class KubeCalls {
  constructor(
    readonly deadlines: KubeDeadlines = DEFAULT_DEADLINES,
    /** Who the calls act as through the console's credentials; the console itself when absent. */
    private readonly as?: Impersonation,
    /** Whether the API server answers: one fact for the console and everyone it acts for. */
    private readonly reach: { down: string | null } = { down: null },
  ) {}

  /** The same calls (deadlines, reachability) acting as `who` through impersonation. */
  actingAs(who: Impersonation): KubeCalls {
    return new KubeCalls(this.deadlines, who, this.reach);
  }

  /** Why the API server is thought unreachable (its last failure), or null while it answers. */
  get unreachable(): string | null {
    return this.reach.down;
  }

  /** The API server answered something (an error status counts): it is reachable. */
  answered(): void {
    this.reach.down = null;
  }

  /** A call or a watch could not reach the API server. */
  failed(reason: string): void {
    this.reach.down = reason;
  }

  read<T>(fn: (options: CallOptions) => Promise<T>): Promise<T> {
    return this.run(fn, this.deadlines.readMs, 'read');
  }

  /** A read under the short deadline of a check. */
  check<T>(fn: (options: CallOptions) => Promise<T>): Promise<T> {
    return this.run(fn, this.deadlines.checkMs, 'read');
  }

  /**
   * A write. While the API server is thought unreachable, `probe` must answer first (a check), so
   * a write during an outage fails at once with nothing sent.
   */
  async write<T>(
    fn: (options: CallOptions) => Promise<T>,
    probe: (options: CallOptions) => Promise<unknown>,
  ): Promise<T> {
    if (this.reach.down !== null) {
      try {
        await this.check(probe);
      } catch (err) {
        if (statusOf(err) === null || (err as AppError).code === 'unavailable')
          throw new AppError(
            'unavailable',
            `Kubernetes is unreachable (${this.reach.down}): nothing was written`,
            { outcome: 'not_applied' satisfies WriteOutcome },
          );
      }
    }
    return this.run(fn, this.deadlines.writeMs, 'write');
  }

  /**
   * A call made without the generated client (the lean paged list), which keeps its own deadline
   * and raises AppErrors: an `unavailable` one means no answer, any other is the server's answer.
   */
  async tracked<T>(fn: () => Promise<T>): Promise<T> {
    try {
      const result = await fn();
      this.answered();
      return result;
    } catch (err) {
      if (err instanceof AppError && err.code === 'unavailable') this.failed(err.message);
      else if (err instanceof AppError) this.answered();
      throw err;
    }
  }

  private async run<T>(
    fn: (options: CallOptions) => Promise<T>,
    ms: number,
    kind: 'read' | 'write',
  ): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    try {
      const result = await fn(withSignal(controller.signal, this.as));
      this.answered();
      return result;
    } catch (err) {
      const status = statusOf(err);
      if (status) {
        if (!(err instanceof AppError)) this.answered();
        throw status;
      }
      const why = controller.signal.aborted
        ? `no answer within ${ms / 1000} s`
        : `${networkCode(err) ?? 'network error'}: ${describe(err)}`;
      this.failed(why);
      if (kind === 'read' || (!controller.signal.aborted && NOT_SENT.has(networkCode(err) ?? '')))
        throw new AppError(
          'unavailable',
          `Kubernetes is unreachable: ${why}${kind === 'write' ? '; nothing was written' : ''}`,
          kind === 'write' ? { outcome: 'not_applied' satisfies WriteOutcome } : undefined,
        );
      throw new AppError(
        'unavailable',
        `Kubernetes did not answer the write (${why}): the write may have been applied`,
        { outcome: 'unknown' satisfies WriteOutcome },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The outcome a failed write reported, if it was a write that could not reach Kubernetes. */
export function writeOutcome(err: unknown): WriteOutcome | undefined {
  if (!(err instanceof AppError) || err.code !== 'unavailable') return undefined;
  const outcome = (err.details as { outcome?: unknown } | undefined)?.outcome;
  return outcome === 'unknown' || outcome === 'not_applied' ? outcome : undefined;
}
