// Helpers for the integration tests of the whole repository (`@perses-cm/stack/testing`).
export { stackBinaries, type Binaries } from '../binaries.ts';
export { stackEnvSchema, type StackEnv } from '../env.ts';
export { startRestartableApiserver, type RestartableApiserver } from '../restartable-apiserver.ts';
export { requirePluginSchemas } from './plugins.ts';
export { fixtureDashboards, persesGet, validateDashboard, type Resource } from './perses.ts';
export { startFaultProxy, type Fault, type FaultProxy } from './fault-proxy.ts';
