// Lines as the real Perses v0.54.0 and the stack's sidecar wrote them (recorded from the stack).
import { describe, expect, it } from 'vitest';
import { extractDetail, parsePersesLine, parseSidecarLine } from './log-lines.ts';

const DIR = '/tmp/perses-cm-stack-4aRfKm/provisioning';
const recorded = {
  badYaml: `time="2026-12-02T02:23:14Z" level=warning msg="unable to load every entity from the folder \\"${DIR}\\"" error="unable to read file, format invalid: yaml: line 1: did not find expected ',' or '}'"`,
  wrongKind: `time="2026-12-02T02:23:14Z" level=warning msg="unable to load every entity from the folder \\"${DIR}\\"" error="resource \\"dashboard\\" from file \\"${DIR}/probe-kind.json\\" not supported by the command"`,
  badRef: `time="2026-12-02T02:23:14Z" level=warning msg="unable to load every entity from the folder \\"${DIR}\\"" error="cannot extract Dashboard, unmarshalling error: no panel found for ref \\"zz\\""`,
  ephemeral: `time="2026-12-02T02:23:14Z" level=warning msg="unable to retrieve the service associated to \\"EphemeralDashboard\\"" error="resource \\"EphemeralDashboard\\" not supported by the provisioning service"`,
  noProject: `time="2026-12-02T02:23:14Z" level=error msg="unable to provision the \\"Dashboard\\"/\\"d1\\": project \\"nosuch\\" doesn't exist"`,
  createFailed: `time="2026-12-02T02:23:14Z" level=error msg="unable to create the \\"Dashboard\\" \\"d2\\"" error="bad request: schema not found for plugin NoSuchChart with version unknown"`,
  access: `time="2026-12-02T02:22:23Z" level=info method=GET status=200 uri=/api/v1/health`,
};
const at = Date.parse('2026-12-02T02:23:14Z');

describe('Perses provisioning lines', () => {
  it('reads a missing project with kind, name and project', () => {
    expect(parsePersesLine(recorded.noProject)).toMatchObject({
      type: 'project-missing',
      at,
      level: 'error',
      kind: 'Dashboard',
      name: 'd1',
      project: 'nosuch',
    });
  });

  it('reads a refused create with Perses’s error, and no project (the line has none)', () => {
    expect(parsePersesLine(recorded.createFailed)).toEqual({
      type: 'create-failed',
      at,
      level: 'error',
      kind: 'Dashboard',
      name: 'd2',
      error: 'bad request: schema not found for plugin NoSuchChart with version unknown',
      line: recorded.createFailed,
    });
  });

  it('reads per-file causes, naming the file only where Perses does', () => {
    expect(parsePersesLine(recorded.wrongKind)).toMatchObject({
      type: 'file-error',
      folder: DIR,
      file: `${DIR}/probe-kind.json`,
      kind: 'dashboard',
    });
    expect(parsePersesLine(recorded.badYaml)).toMatchObject({
      type: 'file-error',
      file: null,
      kind: null,
      error: "unable to read file, format invalid: yaml: line 1: did not find expected ',' or '}'",
    });
    const ref = parsePersesLine(recorded.badRef);
    expect(ref).toMatchObject({ type: 'file-error', file: null, kind: 'Dashboard' });
    expect(extractDetail(ref?.type === 'file-error' ? ref.error : '')).toBe(
      'no panel found for ref "zz"',
    );
  });

  it('reads a kind provisioning has no service for', () => {
    expect(parsePersesLine(recorded.ephemeral)).toMatchObject({
      type: 'no-service',
      kind: 'EphemeralDashboard',
    });
  });

  it('ignores other lines, and takes the finer time of the Kubernetes API prefix', () => {
    expect(parsePersesLine(recorded.access)).toBeNull();
    expect(parsePersesLine('⇨ http server started on 127.0.0.1:41553')).toBeNull();
    const prefixed = `2026-12-02T02:23:14.765519078Z ${recorded.noProject}`;
    expect(parsePersesLine(prefixed)?.at).toBe(Date.parse('2026-12-02T02:23:14.765Z'));
  });

  it('reads JSON-formatted logrus lines too', () => {
    const json = JSON.stringify({
      level: 'error',
      msg: 'unable to update the "Folder" "f"',
      error: 'invalid',
      time: '2026-12-02T02:23:14Z',
    });
    expect(parsePersesLine(json)).toMatchObject({
      type: 'update-failed',
      kind: 'Folder',
      name: 'f',
    });
  });
});

describe('sidecar lines', () => {
  it('reads the path and millisecond time of a write and a removal', () => {
    expect(
      parseSidecarLine(
        `{"time":"2026-12-02T02:23:12.057Z","level":"INFO","msg":"Writing ${DIR}/probe-proj.json (ascii)"}`,
      ),
    ).toEqual({
      type: 'written',
      at: Date.parse('2026-12-02T02:23:12.057Z'),
      path: `${DIR}/probe-proj.json`,
    });
    expect(
      parseSidecarLine(
        `{"time":"2026-12-02T02:23:13.000Z","level":"INFO","msg":"Removing ${DIR}/a.json"}`,
      ),
    ).toMatchObject({ type: 'removed', path: `${DIR}/a.json` });
    expect(
      parseSidecarLine(
        '{"time":"2026-12-02T02:22:20.474Z","level":"INFO","msg":"Initial sync complete, sidecar is ready."}',
      ),
    ).toBeNull();
  });
});
