// The one place of this package that reads process.env: every variable is parsed here.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const packageDir = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const repoRoot = resolve(packageDir, '../..');

const duration = z.string().regex(/^\d+(ms|s|m|h)$/, 'a Go duration such as 3s or 1m');

const stackEnvSchema = z.object({
  PERSES_CM_CACHE: z.string().min(1).optional(),
  STACK_PROVISIONING_INTERVAL: duration.default('3s'),
  STACK_STATE_DIR: z.string().min(1).optional(),
  STACK_ENV_FILE: z.string().min(1).optional(),
  STACK_KEEP_DATA: z.enum(['0', '1']).default('0'),
  STACK_REQUIRE_PLUGINS: z.enum(['0', '1']).default('0'),
  PERSES_CM_SHARED: z.string().min(1).optional(),
});

export interface StackSettings {
  cacheDir: string;
  provisioningInterval: string;
  /** Where a detached stack writes its state (pid, endpoints). */
  stateDir: string;
  /** Set by the vitest global setup for test files: path of the env JSON. */
  envFile: string | undefined;
  keepData: boolean;
  /** CI: a Perses plugin that could not be assembled stops the stack instead of a warning. */
  requirePlugins: boolean;
  /** The folder of data shared by every checkout (see shared.ts). */
  sharedDir: string;
}

export function readStackSettings(env: NodeJS.ProcessEnv = process.env): StackSettings {
  const e = stackEnvSchema.parse(env);
  return {
    cacheDir: e.PERSES_CM_CACHE ?? join(homedir(), '.cache', 'perses-cm'),
    provisioningInterval: e.STACK_PROVISIONING_INTERVAL,
    stateDir: e.STACK_STATE_DIR ?? join(repoRoot, '.stack'),
    envFile: e.STACK_ENV_FILE,
    keepData: e.STACK_KEEP_DATA === '1',
    requirePlugins: e.STACK_REQUIRE_PLUGINS === '1',
    sharedDir: resolve(e.PERSES_CM_SHARED ?? join(repoRoot, '..', 'shared')),
  };
}

const sidecarEnvSchema = z.object({
  LABEL: z.string().min(1),
  LABEL_VALUE: z.string().min(1).optional(),
  FOLDER: z.string().min(1),
  FOLDER_ANNOTATION: z.string().min(1).default('k8s-sidecar-target-directory'),
  NAMESPACE: z.string().min(1).optional(),
  RESOURCE: z.enum(['configmap']).default('configmap'),
  UNIQUE_FILENAMES: z
    .enum(['true', 'false', 'True', 'False'])
    .default('false')
    .transform((v) => v.toLowerCase() === 'true'),
  WATCH_SERVER_TIMEOUT: z.coerce.number().int().positive().default(60),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  KUBECONFIG: z.string().min(1),
  POD_NAMESPACE: z.string().min(1).default('default'),
});

export interface SidecarSettings {
  label: string;
  labelValue: string | undefined;
  folder: string;
  folderAnnotation: string;
  /** `'ALL'` or a list of namespaces. */
  namespaces: 'ALL' | string[];
  uniqueFilenames: boolean;
  watchServerTimeoutSeconds: number;
  healthPort: number;
  kubeconfig: string;
}

/** Parses the k8s-sidecar environment (only the subset this stack needs; RESOURCE=secret is not supported). */
export function readSidecarSettings(env: NodeJS.ProcessEnv = process.env): SidecarSettings {
  const e = sidecarEnvSchema.parse(env);
  const ns = e.NAMESPACE ?? e.POD_NAMESPACE;
  return {
    label: e.LABEL,
    labelValue: e.LABEL_VALUE,
    folder: e.FOLDER,
    folderAnnotation: e.FOLDER_ANNOTATION,
    namespaces:
      ns === 'ALL'
        ? 'ALL'
        : ns
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    uniqueFilenames: e.UNIQUE_FILENAMES,
    watchServerTimeoutSeconds: e.WATCH_SERVER_TIMEOUT,
    healthPort: e.HEALTH_PORT,
    kubeconfig: e.KUBECONFIG,
  };
}

/** Child processes get a minimal environment; PATH is all they inherit. */
export function inheritedPath(): string {
  return process.env['PATH'] ?? '/usr/bin:/bin';
}
