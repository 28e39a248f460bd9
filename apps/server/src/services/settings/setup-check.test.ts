// The setup check's words: each mismatch a user can act on, the lag, and what needs a newer Perses.
import type { ConsoleSettings, DiscoveredSetup } from '@perses-cm/api';
import { describe, expect, it } from 'vitest';
import { setupFindings } from './setup-check.ts';
import { newerFeatures, worstCaseLag } from './setup-lag.ts';
import { readSidecar } from './workload-discovery.ts';

const settings: ConsoleSettings = {
  label: { key: 'team', value: 'perses' },
  namespaces: ['monitoring', 'team-a'],
  defaultNamespace: 'monitoring',
  sidecar: {
    namespaces: 'ALL',
    uniqueFilenames: false,
    folderAnnotation: 'k8s-sidecar-target-directory',
  },
  provisioningInterval: '10m',
  applyNowByDefault: true,
};

function discovered(
  env: Record<string, string>,
  perses?: Partial<NonNullable<DiscoveredSetup['perses']>>,
): DiscoveredSetup {
  return {
    workload: 'StatefulSet monitoring/perses',
    namespace: 'monitoring',
    release: 'perses',
    reason: null,
    sidecar: readSidecar(
      {
        name: 'perses-provisioning-sidecar',
        env: Object.entries(env).map(([name, value]) => ({ name, value })),
      },
      'monitoring',
    ),
    perses: {
      where: 'http://perses',
      version: '0.54.0',
      interval: '10m',
      intervalMs: 600_000,
      folders: ['/etc/perses/provisioning'],
      error: null,
      ...perses,
    },
  };
}

const chart = {
  LABEL: 'perses.dev/resource',
  LABEL_VALUE: 'true',
  FOLDER: '/etc/perses/provisioning',
};
const check = (d: DiscoveredSetup, perNamespace = new Map<string, number>()) =>
  setupFindings({ settings, discovered: d, perNamespace, target: 'kubernetes' });

describe('the setup check', () => {
  it('says a label the sidecar does not watch keeps new resources from Perses', () => {
    const findings = check(discovered({ ...chart, NAMESPACE: 'ALL' }));
    expect(findings[0]).toEqual({
      id: 'label',
      severity: 'blocking',
      message:
        'the console labels new ConfigMaps `team=perses`, but the sidecar watches `perses.dev/resource=true`: new resources never reach Perses',
    });
  });

  it('counts the resources in namespaces the sidecar does not watch', () => {
    const d = discovered({
      LABEL: 'team',
      LABEL_VALUE: 'perses',
      FOLDER: '/etc/perses/provisioning',
      NAMESPACE: 'monitoring',
    });
    const findings = check(
      d,
      new Map([
        ['monitoring', 3],
        ['team-a', 12],
      ]),
    );
    expect(findings.filter((f) => f.severity === 'blocking').map((f) => f.message)).toEqual([
      'the sidecar watches only `monitoring`, but 12 resources live in `team-a`: they never reach Perses',
    ]);
  });

  it('watches its own namespace without NAMESPACE, and says when UNIQUE_FILENAMES is on', () => {
    const d = discovered({
      LABEL: 'team',
      LABEL_VALUE: 'perses',
      FOLDER: '/etc/perses/provisioning',
      UNIQUE_FILENAMES: 'True',
    });
    expect(d.sidecar?.namespaces).toEqual(['monitoring']);
    expect(check(d).map((f) => f.message)).toContain(
      '`UNIQUE_FILENAMES` is on: data keys need not be unique across namespaces',
    );
  });

  it('blocks on a folder Perses does not provision from, METHOD=LIST and RESOURCE=secret', () => {
    const d = discovered({
      ...chart,
      LABEL: 'team',
      LABEL_VALUE: 'perses',
      FOLDER: '/data',
      METHOD: 'LIST',
      RESOURCE: 'secret',
    });
    expect(
      check(d)
        .filter((f) => f.severity === 'blocking')
        .map((f) => f.id)
        .sort(),
    ).toEqual(['folder', 'method', 'resource']);
    expect(worstCaseLag(settings, d)).toEqual({
      worstCaseMs: null,
      message: 'never: the sidecar lists once at start (METHOD=LIST)',
    });
  });

  it('gives the worst-case lag from Perses interval and the sidecar method', () => {
    expect(worstCaseLag(settings, discovered(chart)).worstCaseMs).toBe(602_000);
    const sleeping = discovered(
      { ...chart, METHOD: 'SLEEP', SLEEP_TIME: '30' },
      { intervalMs: 60_000, interval: '1m' },
    );
    expect(worstCaseLag(settings, sleeping).worstCaseMs).toBe(90_000);
  });

  it('never suggests enable_watch to a v0.54.0 user', () => {
    for (const f of newerFeatures('0.54.0'))
      expect(f.message).toMatch(/needs a Perses newer than v0\.54\.0/);
    expect(newerFeatures('v0.55.0-beta.1')[0]?.message).not.toMatch(/needs a Perses newer/);
  });
});
