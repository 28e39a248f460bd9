// Entry point of the sidecar process: configured by the same env vars as k8s-sidecar.
import { readSidecarSettings } from '../config.ts';
import { jsonLineLogger } from './log.ts';
import { startSidecar } from './sidecar.ts';

const settings = readSidecarSettings();
const sidecar = await startSidecar(settings);
jsonLineLogger('INFO', `Health endpoint on port ${sidecar.healthPort}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sidecar.stop().then(() => process.exit(0));
  });
}
