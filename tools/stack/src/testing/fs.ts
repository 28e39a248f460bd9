import { existsSync, readFileSync, statSync } from 'node:fs';
import { waitFor } from '../proc.ts';

export function waitForFile(
  path: string,
  content?: string | Buffer,
  timeoutMs = 20_000,
): Promise<Buffer> {
  return waitFor(
    `file ${path}${content === undefined ? '' : ' with the expected content'}`,
    async () => {
      if (!existsSync(path)) return undefined;
      const got = readFileSync(path);
      if (content === undefined) return got;
      return got.equals(Buffer.isBuffer(content) ? content : Buffer.from(content))
        ? got
        : undefined;
    },
    { timeoutMs, intervalMs: 100 },
  );
}

export function waitForNoFile(path: string, timeoutMs = 20_000): Promise<true> {
  return waitFor(`file ${path} to be removed`, async () => (existsSync(path) ? undefined : true), {
    timeoutMs,
    intervalMs: 100,
  });
}

export function mtimeMs(path: string): number {
  return statSync(path).mtimeMs;
}
