import { join } from 'node:path';
import { inheritedPath, packageDir } from './config.ts';
import { freePort, httpStatus } from './net.ts';
import { spawnLogged, waitFor, type Child } from './proc.ts';

/** Runs the sidecar as its own process, configured by env like the real container. */
export async function startSidecarProcess(opts: {
  kubeconfig: string;
  folder: string;
  label: string;
  labelValue: string;
  logsDir: string;
}): Promise<{ child: Child; healthUrl: string }> {
  const port = await freePort();
  const child = spawnLogged(
    'sidecar',
    process.execPath,
    ['--import', 'tsx', join(packageDir, 'src', 'sidecar', 'main.ts')],
    {
      logFile: join(opts.logsDir, 'sidecar.log'),
      cwd: packageDir,
      env: {
        PATH: inheritedPath(),
        KUBECONFIG: opts.kubeconfig,
        LABEL: opts.label,
        LABEL_VALUE: opts.labelValue,
        FOLDER: opts.folder,
        NAMESPACE: 'ALL',
        HEALTH_PORT: String(port),
      },
    },
  );
  const healthUrl = `http://127.0.0.1:${port}/healthz`;
  await waitFor(
    'sidecar /healthz',
    async () => ((await httpStatus(healthUrl)) === 200 ? true : undefined),
    {
      child,
    },
  );
  return { child, healthUrl };
}
