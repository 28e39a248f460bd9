import { z } from 'zod';

/** What tests and scripts need of a running stack (`pnpm -s stack:env`). */
export const stackEnvSchema = z.object({
  apiServer: z.string(),
  kubeconfigs: z.object({ admin: z.string(), editor: z.string(), viewer: z.string() }),
  persesUrl: z.string(),
  provisioningDir: z.string(),
  provisioningInterval: z.string(),
  dataDir: z.string(),
  caFile: z.string(),
  logsDir: z.string(),
  sidecar: z.object({ label: z.string(), labelValue: z.string(), healthUrl: z.string() }),
  persesPlugins: z.array(z.string()),
  /** Plugins of the pinned Perses version that the stack could not load (schemas unavailable). */
  persesPluginsMissing: z.array(z.string()).default([]),
});
export type StackEnv = z.infer<typeof stackEnvSchema>;

/** The label the stack's sidecar watches, as the perses chart sets it by default. */
export const PROVISIONING_LABEL = 'perses.dev/resource';
export const PROVISIONING_LABEL_VALUE = 'true';
