import { describe, expect, it } from 'vitest';
import { parseText } from './parse.ts';
import { resourceItems } from './resource-items.ts';
import { fixtureFiles, fixtureJson, fixtureText, realDashboards } from './testing/fixtures.ts';
import { validateResource } from './validate.ts';

const rules = (doc: unknown) =>
  validateResource(doc).map((f) => `${f.severity}:${f.rule}:${f.field ?? ''}`);

function dashboard(
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = { name: 'd', project: 'p' },
) {
  return { kind: 'Dashboard', metadata, spec };
}

describe('validateResource on real data', () => {
  it('accepts each of the 16 real dashboards without touching them', () => {
    const dashboards = realDashboards();
    expect(dashboards).toHaveLength(16);
    for (const d of dashboards) {
      const before = JSON.stringify(d);
      expect(validateResource(d)).toEqual([]);
      expect(JSON.stringify(d)).toBe(before);
    }
  });

  it('accepts every other real resource and refuses the EphemeralDashboard with a position', () => {
    for (const file of fixtureFiles()) {
      const parsed = parseText(fixtureText(file), { filename: file });
      const { items } = resourceItems(parsed, file);
      const findings = items.flatMap((item) =>
        validateResource(item.value, { path: file, locate: parsed.locate, pointer: item.pointer }),
      );
      if (file === 'ephemeraldashboard.json') {
        expect(findings).toMatchObject([
          {
            path: file,
            line: 3,
            column: 13,
            severity: 'error',
            rule: 'not-provisionable',
            kind: 'EphemeralDashboard',
            name: 'TempDemo',
            project: 'perses',
          },
        ]);
      } else expect(findings, file).toEqual([]);
    }
  });
});

describe('validateResource on crafted input', () => {
  const project = fixtureJson<Record<string, unknown>[]>('6-project.json')[1];

  it('names the right spelling of a wrong-case kind', () => {
    const [f] = validateResource({ ...project, kind: 'project' });
    expect(f).toMatchObject({ rule: 'wrong-case-kind', severity: 'error', field: 'kind' });
    expect(f?.message).toContain('must be spelled "Project"');
  });

  it('refuses unknown and missing kinds', () => {
    expect(rules({ kind: 'Panel', metadata: { name: 'x' } })).toEqual(['error:unknown-kind:kind']);
    expect(rules({ metadata: { name: 'x' } })).toEqual(['error:missing-kind:']);
    expect(rules('Dashboard')).toEqual(['error:not-an-object:']);
  });

  it('refuses invalid names and empty projects on project-scoped kinds', () => {
    expect(rules({ kind: 'Project', metadata: { name: 'my project' } })).toEqual([
      'error:invalid-name:metadata.name',
    ]);
    expect(rules({ kind: 'Project', metadata: { name: 'a'.repeat(76) } })).toEqual([
      'error:invalid-name:metadata.name',
    ]);
    expect(rules({ kind: 'Project', metadata: { name: 'a..b' } })).toEqual([
      'error:invalid-name:metadata.name',
    ]);
    expect(rules({ kind: 'Project', metadata: { name: 'Incredible_Project-1.0' } })).toEqual([]);
    const ds = fixtureJson<Record<string, Record<string, unknown>>[]>('8-datasource.json')[0];
    expect(rules({ ...ds, metadata: { name: 'x', project: '' } })).toEqual([
      'error:empty-project:metadata.project',
    ]);
    expect(rules({ ...ds, metadata: { name: 'x' } })).toEqual([
      'error:empty-project:metadata.project',
    ]);
    expect(rules({ ...ds, metadata: { name: 'x', project: 'a/b' } })).toEqual([
      'error:invalid-name:metadata.project',
    ]);
  });

  it('refuses invalid variable names, in Variables and in dashboards', () => {
    const variable = fixtureJson<Record<string, unknown>>('11-variable.json');
    const named = (name: string) => ({ ...variable, metadata: { name, project: 'perses' } });
    expect(rules(named('job'))).toEqual([]);
    expect(rules(named('__job'))).toEqual(['error:invalid-variable-name:metadata.name']);
    expect(rules(named('123'))).toEqual(['error:invalid-variable-name:metadata.name']);
    expect(rules(named('my-job-name'))).toEqual(['error:invalid-variable-name:metadata.name']);
    // Perses's regex lets one odd character through; the variable could never be referenced.
    expect(rules(named('my-job'))).toEqual(['warning:invalid-variable-name:metadata.name']);
    const demo = realDashboards()[0] as { spec: { variables: { spec: { name: string } }[] } };
    const copy = structuredClone(demo);
    const first = copy.spec.variables[0];
    if (first) first.spec.name = 'job-name-x';
    expect(rules(copy)).toEqual(['error:invalid-variable-name:spec.variables[0].spec.name']);
  });

  it('refuses a layout $ref to a missing panel, with its position', () => {
    const text = JSON.stringify(realDashboards()[0], null, 2).replace(
      '"#/spec/panels/statRAM"',
      '"#/spec/panels/statRAMX"',
    );
    const parsed = parseText(text);
    const findings = validateResource(parsed.documents[0], {
      path: 'd.json',
      locate: parsed.locate,
    });
    expect(findings).toHaveLength(1);
    const lineText = text.split('\n')[(findings[0]?.line ?? 0) - 1];
    expect(lineText).toContain('statRAMX');
    expect(findings[0]).toMatchObject({
      rule: 'missing-panel-ref',
      severity: 'error',
      field: 'spec.layouts[0].spec.items[0].content.$ref',
    });
    expect(findings[0]?.message).toContain('panel "statRAMX"');
  });

  it('refuses bad durations, duplicate variables and a second default datasource in a dashboard', () => {
    expect(rules(dashboard({ duration: '1h30' }))).toEqual([
      'error:invalid-duration:spec.duration',
    ]);
    expect(rules(dashboard({ duration: '30m1h' }))).toEqual([
      'error:invalid-duration:spec.duration',
    ]);
    expect(rules(dashboard({ duration: '1d12h30m', refreshInterval: '0' }))).toEqual([]);
    const text = { kind: 'TextVariable', spec: { name: 'a', value: '' } };
    expect(rules(dashboard({ variables: [text, text] }))).toEqual([
      'error:duplicate-variable:spec.variables[1].spec.name',
    ]);
    const prom = { default: true, plugin: { kind: 'PrometheusDatasource', spec: {} } };
    expect(rules(dashboard({ datasources: { a: prom, b: prom } }))).toEqual([
      'error:duplicate-default-datasource:spec.datasources.b.default',
    ]);
    expect(rules(dashboard({}))).toEqual(['error:invalid-field:spec']);
    expect(
      rules(
        dashboard({
          panels: {
            'bad key': { kind: 'Panel', spec: { plugin: { kind: 'Markdown', spec: {} } } },
          },
        }),
      ),
    ).toEqual(['error:invalid-panel-key:spec.panels.bad key']);
  });

  it('refuses a User without password', () => {
    const user = fixtureJson<Record<string, unknown>[]>('1-user.json')[0];
    expect(rules(user)).toEqual([]);
    expect(rules({ ...user, spec: { nativeProvider: {} } })).toEqual([
      'error:user-without-password:spec.nativeProvider.password',
    ]);
    expect(rules({ ...user, spec: {} })).toEqual([
      'error:user-without-password:spec.nativeProvider.password',
    ]);
  });

  it('checks kind-specific rules: secrets, folders, roles, bindings', () => {
    const secret = {
      kind: 'GlobalSecret',
      metadata: { name: 's' },
      spec: { basicAuth: {}, authorization: {}, oauth: {} },
    };
    expect(rules(secret)).toEqual(['error:secret-auth-exclusive:spec.authorization']);
    const folder = {
      kind: 'Folder',
      metadata: { name: 'f', project: 'p' },
      spec: {
        items: [
          { kind: 'Dashboard', name: 'a' },
          { kind: 'folder', name: 'g', items: [{ kind: 'Dashboard', name: 'a' }] },
        ],
      },
    };
    expect(rules(folder)).toEqual(['error:duplicate-folder-item:spec.items[1].items[0].name']);
    const role = {
      kind: 'Role',
      metadata: { name: 'r', project: 'p' },
      spec: { permissions: [{ actions: ['*'], scopes: ['GlobalSecret'] }] },
    };
    expect(rules(role)).toEqual(['error:invalid-role-scope:spec.permissions[0].scopes[0]']);
    const binding = {
      kind: 'GlobalRoleBinding',
      metadata: { name: 'b' },
      spec: { role: 'admin', subjects: [{ kind: 'Team', name: 'x' }] },
    };
    expect(rules(binding)).toEqual(['error:invalid-field:spec.subjects[0].kind']);
  });

  it('lets unknown fields and plugin specs through', () => {
    const ds = {
      kind: 'GlobalDatasource',
      metadata: { name: 'x' },
      extra: 1,
      spec: { plugin: { kind: 'Any', spec: { whatever: [1, { a: null }] } }, future: true },
    };
    expect(rules(ds)).toEqual([]);
    expect(rules({ ...ds, spec: { plugin: { spec: {} } } })).toEqual([
      'error:invalid-field:spec.plugin.kind',
    ]);
  });
});
