import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

export interface Child {
  name: string;
  process: ChildProcess;
  logFile: string;
  /** Set once the process has exited. */
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  stop(): Promise<void>;
}

/** Spawns a server process with stdout and stderr appended to its own log file. */
export function spawnLogged(
  name: string,
  command: string,
  args: string[],
  opts: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv },
): Child {
  const fd = openSync(opts.logFile, 'a');
  const proc = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const child: Child = {
    name,
    process: proc,
    logFile: opts.logFile,
    exited: undefined,
    stop: () => stopProcess(child),
  };
  proc.on('exit', (code, signal) => {
    child.exited = { code, signal };
  });
  return child;
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
async function stopProcess(child: Child, graceMs = 10_000): Promise<void> {
  if (child.exited || child.process.exitCode !== null) return;
  const done = new Promise<void>((r) => child.process.once('exit', () => r()));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

/**
 * Polls `check` until it returns a value other than undefined, failing at the
 * deadline, or at once when `child` dies (so a crash is not mistaken for slowness).
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  opts: { timeoutMs?: number; intervalMs?: number; child?: Child } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let lastError: unknown;
  for (;;) {
    if (opts.child?.exited) {
      throw new Error(
        `${opts.child.name} exited (${JSON.stringify(opts.child.exited)}) while waiting for ${what}; see ${opts.child.logFile}`,
      );
    }
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError ? `: ${String(lastError)}` : '';
      throw new Error(`timed out waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
}
