// Runs the real command-line tools the checks rely on: helm and kubectl from the stack's binary
// cache (the versions pinned in tools/stack/scripts/versions.sh), docker-compose from Debian.
import { spawn } from 'node:child_process';
import { locateBinaries, readStackSettings, readVersions } from '@perses-cm/stack';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; a non-zero exit is a result, not an exception. */
export function runTool(
  command: string,
  args: string[],
  opts: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** Like runTool, but a non-zero exit throws with the tool's own message. */
export async function mustRun(
  command: string,
  args: string[],
  opts: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const r = await runTool(command, args, opts);
  if (r.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${r.code}: ${r.stderr || r.stdout}`);
  }
  return r.stdout;
}

export function stackBinaries(): {
  helm: string;
  kubectl: string;
  perses: string;
  kubernetesVersion: string;
} {
  const bins = locateBinaries(readStackSettings().cacheDir);
  const kubernetesVersion = readVersions()['KUBERNETES_VERSION'];
  if (!kubernetesVersion) throw new Error('KUBERNETES_VERSION missing from versions.sh');
  return { helm: bins.helm, kubectl: bins.kubectl, perses: bins.perses, kubernetesVersion };
}

export function kubectl(kubeconfig: string, args: string[], input?: string): Promise<ToolResult> {
  return runTool(stackBinaries().kubectl, [`--kubeconfig=${kubeconfig}`, ...args], { input });
}
