// End-to-end: spawns `perses-cm lint` the way users run it and checks exit codes and output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sharedPaths } from '@perses-cm/stack/shared';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const fixtures = sharedPaths().fixtures;

function lint(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/cli/main.ts', 'lint', ...args],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'perses-cm-lint-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface JsonFinding {
  path: string;
  line?: number;
  column?: number;
  severity: string;
  rule: string;
  message: string;
  kind?: string;
}

describe('perses-cm lint', { timeout: 60_000 }, () => {
  it('exits 1 on the real fixtures, with the EphemeralDashboard as the only error', () => {
    const r = lint('--format', 'json', fixtures);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([
      {
        path: join(fixtures, 'ephemeraldashboard.json'),
        line: 3,
        column: 13,
        severity: 'error',
        rule: 'not-provisionable',
        message: expect.stringContaining('EphemeralDashboard is not provisionable') as string,
        kind: 'EphemeralDashboard',
        project: 'perses',
        name: 'TempDemo',
      },
    ]);
    // The LICENSE file sits in the folder: Perses skips it, lint says so.
    expect(findings.filter((f) => f.severity === 'warning').map((f) => f.rule)).toEqual([
      'ignored-file',
    ]);
  });

  it('exits 0 on clean files, with warnings allowed, and prints a text summary', () => {
    const dir = tempDir({
      'p.yaml': 'kind: Project\nmetadata:\n  name: p\n',
      'v.json': JSON.stringify({
        kind: 'Variable',
        metadata: { name: 'my-var', project: 'p' },
        spec: { kind: 'TextVariable', spec: { value: 'x' } },
      }),
    });
    const r = lint(dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /v\.json:1:\d+ warning invalid-variable-name Variable "p\/my-var": variable name "my-var"/,
    );
    expect(lines.at(-1)).toBe('0 errors, 1 warning in 2 files');
  });

  it('exits 1 on a ConfigMap manifest with errors and reports positions inside data keys', () => {
    const dir = tempDir({
      'cms.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: users',
        'data:',
        '  user.yaml: |',
        '    kind: User',
        '    metadata:',
        '      name: Admin',
        '    spec: {}',
        '',
      ].join('\n'),
    });
    const r = lint(
      '--format',
      'json',
      '--label',
      'perses.dev/resource=true',
      join(dir, 'cms.yaml'),
    );
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    expect(findings.map((f) => `${f.severity}:${f.rule}:${f.line ?? ''}`)).toEqual([
      'warning:missing-label:1',
      'warning:plaintext-secret:7',
      'error:user-without-password:10',
    ]);
  });

  it('exits 2 on usage and read errors', () => {
    expect(lint().code).toBe(2);
    expect(lint('--format', 'xml', fixtures).code).toBe(2);
    expect(lint('--bogus', fixtures).code).toBe(2);
    const missing = lint(join(tmpdir(), 'perses-cm-does-not-exist'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });
  it('lints a chart through its files/ tree and judges it by its own template', () => {
    const sample = lint('--format', 'json', 'examples/perses-resources');
    expect(sample.code).toBe(0);
    // Chart.yaml, values.yaml and the template are Helm's, not resources; the sample chart's
    // template makes valid, unique names, so the docs-template warnings do not apply.
    expect(JSON.parse(sample.stdout)).toEqual([]);

    const project = JSON.stringify({ kind: 'Project', metadata: { name: 'p' } });
    const dash = JSON.stringify({
      kind: 'Dashboard',
      metadata: { name: 'My_Dash', project: 'p' },
      spec: { duration: '1h', panels: {}, layouts: [] },
    });
    const docsTemplate =
      '{{- range $path, $_ := .Files.Glob "files/**.json" }}\n' +
      'name: {{ printf "%s-%s" $.Release.Name (base $path) | trunc 63 }}\n{{- end }}\n';
    const chart = (template: string) =>
      tempDir({
        'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
        'values.yaml': 'label: {}\n',
        'templates/cms.yaml': template,
        'files/projects/p.json': project,
        'files/dashboards/p/My_Dash.json': dash,
      });
    const rules = (dir: string) =>
      (JSON.parse(lint('--format', 'json', dir).stdout) as JsonFinding[]).map((f) => f.rule);
    expect(rules(chart(docsTemplate))).toContain('chart-configmap-name');
    expect(rules(chart('{{- /* a template of its own */ -}}\n'))).toEqual([]);
  });
});
