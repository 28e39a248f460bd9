// One real stack for the whole vitest run: reuse a running one (`pnpm stack:up --detach`)
// or start one here and stop it at the end. Test files read it with inject('stack').
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import type { StackEnv } from './env.ts';
import { startStack } from './stack.ts';
import { readStackEnv } from './state.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackEnv;
  }
}

export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const running = await readStackEnv();
  if (running) {
    project.provide('stack', running);
    return undefined;
  }
  const started = Date.now();
  const stack = await startStack({ log: (m) => console.log(`[stack] ${m}`) });
  console.log(`[stack] started in ${Date.now() - started} ms`);
  project.provide('stack', stack.env);
  return () => stack.stop();
}
