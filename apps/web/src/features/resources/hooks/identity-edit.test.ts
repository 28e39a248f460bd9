// The create page's fields and the document stay one, in JSON and in YAML.
import { describe, expect, it } from 'vitest';
import { summary } from '../../../test/fixtures.ts';
import { configMapNameProblem, identityClash } from './create-checks.ts';
import { sizeFinding, sizeLevel } from './document-size.ts';
import { convertFormat, detectFormat, readIdentity, withIdentityField } from './identity-edit.ts';

const JSON_DOC =
  '{\n  "kind": "Dashboard",\n  "metadata": { "name": "a", "project": "p" },\n  "spec": {}\n}\n';
const YAML_DOC =
  '# team dashboard\nkind: Dashboard\nmetadata:\n  name: a\n  project: p\nspec: {}\n';

describe('identity fields', () => {
  it('detects the format from the text and reads kind, project and name', () => {
    expect(detectFormat(JSON_DOC)).toBe('json');
    expect(detectFormat(YAML_DOC)).toBe('yaml');
    expect(readIdentity(YAML_DOC, 'yaml')).toEqual({
      parsed: true,
      kind: 'Dashboard',
      project: 'p',
      name: 'a',
    });
  });

  it('rewrites only the value of a field, keeping the rest of the text (comments too)', () => {
    expect(withIdentityField(JSON_DOC, 'json', 'name', 'b')).toBe(JSON_DOC.replace('"a"', '"b"'));
    expect(withIdentityField(YAML_DOC, 'yaml', 'project', 'team')).toBe(
      YAML_DOC.replace('project: p', 'project: team'),
    );
    // A name YAML 1.1 would read as a number is quoted.
    expect(withIdentityField(YAML_DOC, 'yaml', 'name', '1_0')).toContain('name: "1_0"');
  });

  it('adds a missing field and converts between JSON and YAML', () => {
    const noProject = '{"kind":"Dashboard","metadata":{"name":"a"},"spec":{}}';
    expect(JSON.parse(withIdentityField(noProject, 'json', 'project', 'p') ?? '')).toEqual({
      kind: 'Dashboard',
      metadata: { name: 'a', project: 'p' },
      spec: {},
    });
    expect(convertFormat(JSON_DOC, 'yaml')).toBe(
      'kind: Dashboard\nmetadata:\n  name: a\n  project: p\nspec: {}\n',
    );
    expect(withIdentityField('{"kind": ', 'json', 'name', 'x')).toBeUndefined();
  });
});

describe('checks before Create', () => {
  const items = [
    summary({
      name: 'mydash',
      project: 'perses',
      configMapName: 'dashboard-perses-mydash',
      namespace: 'monitoring',
    }),
  ];

  it('catches a name that is the same resource once Perses lower-cases it', () => {
    expect(identityClash({ kind: 'Dashboard', project: 'Perses', name: 'MyDash' }, items)).toMatch(
      /same resource as perses\/mydash for Perses, which lower-cases names/,
    );
    expect(
      identityClash({ kind: 'Dashboard', project: 'perses', name: 'other' }, items),
    ).toBeNull();
  });

  it('checks a chosen ConfigMap name as Kubernetes does and against the list', () => {
    expect(configMapNameProblem('Bad_Name', 'monitoring', items)).toBe(
      'ConfigMap name must be lower case',
    );
    expect(configMapNameProblem('dashboard-perses-mydash', 'monitoring', items)).toMatch(
      /already exists/,
    );
    expect(configMapNameProblem('dashboard-perses-mydash', 'other', items)).toBeNull();
  });
});

describe('document size', () => {
  it('warns from 90 % of 1 MiB and refuses above, with the number', () => {
    expect(sizeLevel(943_717)).toBe('ok');
    expect(sizeLevel(943_719)).toBe('warn');
    expect(sizeFinding(1_048_577)).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('1,048,577 bytes'),
    });
  });
});
