export { startStack, type RunningStack, type StartOptions } from './stack.ts';
export { readStackEnv } from './state.ts';
export {
  stackEnvSchema,
  type StackEnv,
  PROVISIONING_LABEL,
  PROVISIONING_LABEL_VALUE,
} from './env.ts';
export { waitFor } from './proc.ts';
export { startSidecar, type RunningSidecar } from './sidecar/sidecar.ts';
export { freePort } from './net.ts';
export { locateBinaries, readVersions, type Binaries } from './binaries.ts';
export { readStackSettings } from './config.ts';
export { startExtraPerses, type ExtraPerses } from './extra-perses.ts';
export { fixtureResources, type Resource } from './testing/perses.ts';
