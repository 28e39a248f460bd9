// Log lines recorded from the real Perses v0.54.0 of the stack, matched to the resources that
// caused them.
import { describe, expect, it } from 'vitest';
import { attribute, relativeTo, type Candidate } from './attribution.ts';
import { parsePersesLine, type ProvisioningEvent } from './log-lines.ts';

const DIR = '/tmp/perses-cm-stack-4aRfKm/provisioning';
const line = (text: string): ProvisioningEvent => {
  const e = parsePersesLine(text);
  if (!e) throw new Error(`not a provisioning line: ${text}`);
  return e;
};
const noProject = line(
  `time="2026-12-02T02:23:14Z" level=error msg="unable to provision the \\"Dashboard\\"/\\"d1\\": project \\"nosuch\\" doesn't exist"`,
);
const createFailed = line(
  `time="2026-12-02T02:23:17Z" level=error msg="unable to create the \\"Dashboard\\" \\"d2\\"" error="bad request: schema not found for plugin NoSuchChart with version unknown"`,
);
const wrongKind = line(
  `time="2026-12-02T02:23:14Z" level=warning msg="unable to load every entity from the folder \\"${DIR}\\"" error="resource \\"dashboard\\" from file \\"${DIR}/probe-kind.json\\" not supported by the command"`,
);
const badRef = line(
  `time="2026-12-02T02:23:14Z" level=warning msg="unable to load every entity from the folder \\"${DIR}\\"" error="cannot extract Dashboard, unmarshalling error: no panel found for ref \\"zz\\""`,
);
const badYaml = line(
  `time="2026-12-02T02:23:14Z" level=warning msg="unable to load every entity from the folder \\"${DIR}\\"" error="unable to read file, format invalid: yaml: line 1: did not find expected ',' or '}'"`,
);

const candidate = (id: string, more: Partial<Candidate> = {}): Candidate => ({
  id,
  kind: 'Dashboard',
  name: id,
  identityKey: `dashboard/probeproj/${id}`,
  relPath: `${id}.json`,
  parseFailed: false,
  refusal: null,
  ...more,
});

describe('attributing provisioning lines', () => {
  it('matches a missing project exactly by kind, project and name', () => {
    const r = attribute(
      [noProject],
      [candidate('d1', { identityKey: 'dashboard/nosuch/d1' }), candidate('x')],
    );
    expect([...r.byId.keys()]).toEqual(['d1']);
    expect(r.byId.get('d1')).toMatchObject({
      code: 'project_missing',
      inferred: false,
      message: 'Perses refused it: project "nosuch" doesn\'t exist',
      at: Date.parse('2026-12-02T02:23:14Z'),
    });
  });

  it('matches a refused create by kind and name; across projects, through the validation verdict', () => {
    const one = attribute([createFailed], [candidate('d2'), candidate('other')]);
    expect(one.byId.get('d2')).toMatchObject({ code: 'provisioning_error', inferred: false });
    expect(one.byId.get('d2')?.message).toMatch(/schema not found for plugin NoSuchChart/);
    const a = candidate('a', { name: 'd2', identityKey: 'dashboard/p1/d2' });
    const b = candidate('b', {
      name: 'd2',
      identityKey: 'dashboard/p2/d2',
      refusal: 'bad request: schema not found for plugin NoSuchChart with version unknown',
    });
    const two = attribute([createFailed], [a, b]);
    expect([...two.byId.keys()]).toEqual(['b']);
    expect(two.byId.get('b')?.inferred).toBe(true);
  });

  it('matches a load error naming its file through the sidecar path', () => {
    const r = attribute(
      [wrongKind],
      [candidate('probe-kind', { kind: 'dashboard' }), candidate('y')],
    );
    expect([...r.byId.keys()]).toEqual(['probe-kind']);
    expect(r.byId.get('probe-kind')).toMatchObject({ code: 'file_error', inferred: false });
  });

  it('infers the file of errors that name none from the console’s parse and Perses’s verdict', () => {
    const refusing = candidate('d5', {
      refusal:
        'bad request: code=400, message=no panel found for ref "zz", internal=no panel found for ref "zz"',
    });
    const broken = candidate('bad', { parseFailed: true });
    const r = attribute([badRef, badYaml], [refusing, broken, candidate('fine')]);
    expect(r.byId.get('d5')).toMatchObject({ code: 'file_error', inferred: true });
    expect(r.byId.get('bad')).toMatchObject({ code: 'file_error', inferred: true });
    expect(r.byId.has('fine')).toBe(false);
    expect(r.unattributed).toEqual([]);
  });

  it('keeps lines no resource explains apart, and the newest line per resource', () => {
    const r = attribute([badRef, createFailed], [candidate('zzz')]);
    expect(r.unattributed.map((e) => e.type)).toEqual(['file-error', 'create-failed']);
    const later = { ...noProject, at: (noProject.at ?? 0) + 3000, line: 'later' };
    const d1 = candidate('d1', { identityKey: 'dashboard/nosuch/d1' });
    expect(attribute([later, noProject], [d1]).byId.get('d1')?.line).toBe('later');
  });

  it('relates paths to the provisioning folder', () => {
    expect(relativeTo(`${DIR}/`, `${DIR}/team/a.json`)).toBe('team/a.json');
    expect(relativeTo(DIR, '/elsewhere/a.json')).toBeNull();
  });
});
