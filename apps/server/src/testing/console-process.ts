// Test helper: a second console as its own process (`perses-cm serve`), sharing nothing with the
// test's in-process one but the API server, as two consoles of one cluster do.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ConsoleProcess {
  url: string;
  stop(): Promise<void>;
}

export function startConsoleProcess(args: string[]): Promise<ConsoleProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', 'serve', '--port', '0', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the console process did not start within 60 s:\n${output}`));
    }, 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the console process exited (${code}):\n${output}`));
    });
  });
}
