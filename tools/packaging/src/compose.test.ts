// docker-compose.yml cannot be run here (no Docker engine): Debian's docker-compose validates it
// and prints the resolved configuration, and these checks hold that to the pipeline's wiring.
import { readFileSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { composePath, composePersesConfigPath, repoRoot } from './paths.ts';
import { runTool } from './tools.ts';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  network_mode?: string;
  depends_on?: Record<string, { condition: string }>;
  read_only?: boolean;
  cap_drop?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, { driver_opts?: Record<string, string> }>;
}

/** The uid of the k8s-sidecar image (`USER 65534:65534` in its Dockerfile). */
const SIDECAR_UID = 65534;

let compose: Compose;
const svc = (name: string): Service => {
  const s = compose.services[name];
  if (!s) throw new Error(`no service ${name}`);
  return s;
};
/** The named volume mounted at `target` in a service, if any. */
const volumeAt = (service: Service, target: string): string | undefined =>
  service.volumes?.map((v) => v.split(':')).find(([, t]) => t === target)?.[0];
const flag = (args: string[] | undefined, name: string): string | undefined =>
  args?.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

beforeAll(async () => {
  const r = await runTool('docker-compose', ['-f', composePath, 'config'], { cwd: repoRoot });
  if (r.code !== 0) throw new Error(`docker-compose config refused the file: ${r.stderr}`);
  compose = parse(r.stdout) as Compose;
});

describe('docker-compose.yml', () => {
  it('runs k3s, the sidecar, Perses and the console, every image pinned to an exact tag', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['console', 'k3s', 'perses', 'sidecar']);
    expect(svc('k3s').image).toMatch(/^rancher\/k3s:v\d+\.\d+\.\d+-k3s\d+$/);
    expect(svc('perses').image).toBe('persesdev/perses:v0.54.0');
    expect(svc('sidecar').image).toBe('kiwigrid/k8s-sidecar:2.10.1');
    expect(svc('console').build).toEqual({ context: repoRoot, dockerfile: 'Dockerfile' });
    expect(svc('console').image).not.toMatch(/:latest$/);
  });

  it('gives the sidecar and the console the kubeconfig k3s writes, reachable as written', () => {
    const written = flag(svc('k3s').command, 'write-kubeconfig');
    expect(written).toBeDefined();
    const volume = volumeAt(svc('k3s'), dirname(written!));
    expect(volume).toBeDefined();
    for (const [name, path] of [
      ['sidecar', svc('sidecar').environment?.['KUBECONFIG']],
      ['console', svc('console').environment?.['PERSES_CM_KUBECONFIG']],
    ] as const) {
      expect(path, name).toBeDefined();
      expect(volumeAt(svc(name), dirname(path!)), name).toBe(volume);
      expect(posix.basename(path!)).toBe(posix.basename(written!));
      // The kubeconfig names https://127.0.0.1:6443: only k3s's own network namespace has it.
      expect(svc(name).network_mode, name).toBe('service:k3s');
      expect(svc(name).depends_on?.['k3s']?.condition, name).toBe('service_healthy');
    }
    expect(flag(svc('k3s').command, 'write-kubeconfig-mode')).toBe('644');
  });

  it('shares the provisioning folder from the sidecar to Perses, writable by the sidecar', () => {
    const perses = parse(readFileSync(composePersesConfigPath, 'utf8')) as {
      provisioning: { folders: string[] };
    };
    const configTarget = flag(svc('perses').command, 'config');
    expect(
      svc('perses').volumes?.some((v) =>
        v.endsWith(`compose/perses-config.yaml:${configTarget}:ro`),
      ),
    ).toBe(true);
    const folder = svc('sidecar').environment?.['FOLDER'];
    expect(perses.provisioning.folders).toEqual([folder]);
    const volume = volumeAt(svc('sidecar'), folder!);
    expect(volume).toBeDefined();
    expect(volumeAt(svc('perses'), folder!)).toBe(volume);
    expect(compose.volumes[volume!]?.driver_opts?.['o']).toContain(`uid=${SIDECAR_UID}`);
  });

  it('watches the same label in the sidecar and the console', () => {
    const env = svc('sidecar').environment ?? {};
    expect(svc('console').environment?.['PERSES_CM_LABEL']).toBe(
      `${env['LABEL']}=${env['LABEL_VALUE']}`,
    );
    expect(env['NAMESPACE']).toBe('ALL');
    expect(svc('console').environment?.['PERSES_CM_NAMESPACES']).toBe('all');
  });

  it('points the console at Perses and publishes both on loopback only', () => {
    expect(svc('console').environment?.['PERSES_CM_PERSES_URL']).toBe('http://perses:8080');
    expect(svc('perses').ports).toContain('127.0.0.1:8081:8080/tcp');
    // The console shares k3s's network namespace, so k3s publishes its port.
    expect(svc('k3s').ports).toContain('127.0.0.1:8080:8080/tcp');
    // In that shared namespace the sidecar's health port must not take the console's.
    expect(svc('sidecar').environment?.['HEALTH_PORT']).not.toBe('8080');
    for (const s of Object.values(compose.services)) {
      for (const p of s.ports ?? []) expect(p).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('runs the console read-only without capabilities', () => {
    expect(svc('console').read_only).toBe(true);
    expect(svc('console').cap_drop).toEqual(['ALL']);
  });
});
