import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareServed,
  contentFingerprint,
  redactedPaths,
  servedForFile,
} from './served-content.ts';

interface Pair {
  fixture: string;
  file: { kind: string; metadata: { name: string } };
  served: Record<string, unknown>;
}
// Recorded on the real Perses v0.54.0 (see the file's `_comment`).
const recorded = JSON.parse(
  readFileSync(new URL('./testdata/served-pairs.json', import.meta.url), 'utf8'),
) as { pairs: Pair[] };
const clone = <T>(v: T): T => structuredClone(v);
const pair = (kind: string, name: string): Pair => {
  const p = recorded.pairs.find((x) => x.file.kind === kind && x.file.metadata.name === name);
  if (!p) throw new Error(`no recorded ${kind} ${name}`);
  return clone(p);
};

describe('compareServed on recorded Perses answers', () => {
  it.each(recorded.pairs.map((p) => [`${p.file.kind} ${p.file.metadata.name}`, p] as const))(
    'finds %s served as provisioned',
    (_, p) => {
      const c = compareServed(p.file, p.served);
      expect(c).toEqual({ equal: true, differences: [], fileOnly: [] });
      // Hidden secrets aside, both sides have one canonical text.
      if (redactedPaths(p.served).length === 0)
        expect(contentFingerprint(p.file)).toBe(contentFingerprint(p.served));
    },
  );

  it('sees a changed panel title as a difference, with its path', () => {
    const p = pair('Dashboard', 'Demo');
    const panels = (
      p.served.spec as { panels: Record<string, { spec: { display: { name: string } } }> }
    ).panels;
    const [key, panel] = Object.entries(panels)[0] ?? [];
    if (!panel || !key) throw new Error('no panel');
    panel.spec.display.name = 'edited in Perses';
    const c = compareServed(p.file, p.served);
    expect(c.equal).toBe(false);
    expect(c.differences).toEqual([`/spec/panels/${key}/spec/display/name`]);
  });

  it('tells a dropped member (only the file has it) from a changed one', () => {
    const p = pair('Dashboard', 'Variables');
    (p.file as unknown as { spec: { unknownField: string } }).spec.unknownField = 'x';
    expect(compareServed(p.file, p.served)).toMatchObject({
      equal: false,
      differences: [],
      fileOnly: ['/spec/unknownField'],
    });
  });

  it('matches any file value against "<secret>", but not a missing one', () => {
    const p = pair('User', 'admin');
    expect(compareServed(p.file, p.served).equal).toBe(true);
    delete (p.file as unknown as { spec: { nativeProvider?: unknown } }).spec.nativeProvider;
    // The spec left empty counts as absent, so the difference shows where Perses has more.
    expect(compareServed(p.file, p.served).differences).toEqual(['/spec']);
  });

  it('keeps names case-sensitive when the database is', () => {
    const p = pair('Project', 'IncredibleProject');
    expect(compareServed(p.file, p.served, { caseSensitive: true }).differences).toEqual([
      '/metadata/name',
    ]);
  });

  it('sees a boolean turned on, though false and absent are one', () => {
    const p = pair('Dashboard', 'EditJson');
    expect(compareServed(p.file, p.served).equal).toBe(true);
    const vars = (p.file as unknown as { spec: { variables: { spec: { constant?: boolean } }[] } })
      .spec.variables;
    const v = vars[2];
    if (!v) throw new Error('no third variable');
    v.spec.constant = true;
    expect(compareServed(p.file, p.served).equal).toBe(false);
  });
});

describe('taking the served copy into a file', () => {
  it('drops server metadata, keeps the file spelling of the name and lists hidden secrets', () => {
    const p = pair('GlobalSecret', 'perlinpinpin');
    expect(redactedPaths(p.served)).toEqual(['/spec/basicAuth/password']);
    const d = pair('Datasource', 'PrometheusDemo');
    const taken = servedForFile(d.served, d.file);
    expect(taken?.metadata).toEqual({ name: 'PrometheusDemo', project: 'perses' });
    expect(compareServed(d.file, taken).equal).toBe(true);
  });
});
