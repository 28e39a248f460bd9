import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readStackSettings } from './config.ts';
import { stackEnvSchema, type StackEnv } from './env.ts';
import { httpStatus } from './net.ts';

const stateSchema = z.object({ pid: z.number().int(), startedAt: z.string(), env: stackEnvSchema });
export type StackState = z.infer<typeof stateSchema>;

export function stateFile(): string {
  return join(readStackSettings().stateDir, 'state.json');
}

export function writeState(env: StackEnv, pid = process.pid): void {
  const file = stateFile();
  mkdirSync(join(file, '..'), { recursive: true });
  const state: StackState = { pid, startedAt: new Date().toISOString(), env };
  writeFileSync(file, JSON.stringify(state, null, 2) + '\n');
}

export function readState(): StackState | undefined {
  const file = stateFile();
  if (!existsSync(file)) return undefined;
  const parsed = stateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

/** Removes the state file if it still belongs to `pid`. */
export function clearState(pid = process.pid): void {
  if (readState()?.pid === pid) rmSync(stateFile(), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The env of a running stack (detached or foreground), or undefined if none answers. */
export async function readStackEnv(): Promise<StackEnv | undefined> {
  const state = readState();
  if (!state || !isAlive(state.pid)) return undefined;
  const [perses, sidecar] = await Promise.all([
    httpStatus(`${state.env.persesUrl}/api/v1/health`),
    httpStatus(state.env.sidecar.healthUrl),
  ]);
  return perses === 200 && sidecar === 200 ? state.env : undefined;
}
