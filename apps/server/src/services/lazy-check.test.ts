// The load indexes large dashboards from their head and checks them later: once checked, the index
// must hold exactly what indexing them fully at once holds (summaries, findings with positions,
// cross-resource findings), and every check that changes a summary must say so as `modified`.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { V1ConfigMap } from '@kubernetes/client-node';
import type { ResourceEvent } from '@perses-cm/api';
import { describe, expect, it } from 'vitest';
import { toContainer } from '../stores/kubernetes/configmap-entries.ts';
import type { Container } from '../stores/store.ts';
import { toYamlText } from '@perses-cm/resources';
import { parse } from '../domain/model.ts';
import { ResourceIndex, type IndexedResource } from './resource-index.ts';

const FIXTURES = fileURLToPath(new URL('../../../../../shared/fixtures/', import.meta.url));

/** Every fixture file, and each document of it alone as JSON and as YAML. */
function fixtureTexts(): string[] {
  const files = (readdirSync(FIXTURES, { recursive: true }) as string[])
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .sort();
  const out: string[] = [];
  for (const f of files) {
    const text = readFileSync(`${FIXTURES}/${f}`, 'utf8');
    out.push(text);
    for (const doc of parse(text, f).documents) {
      out.push(`${JSON.stringify(doc, null, 2)}\n`, toYamlText(doc));
    }
  }
  return out;
}

const board = (name: string, project = 'perses', body = '  panels: {}\n') =>
  `kind: Dashboard\nmetadata:\n  name: ${name}\n  project: ${project}\nspec:\n  display:\n    name: ${name} board\n${body}`;

/** Inputs a head scan could read wrongly, and dashboards whose problems sit past the head. */
const TRICKY = [
  `kind: Dashboard\nmetadata: &m\n  name: anchored\n  project: p\nspec: {}\n`,
  `kind: Dashboard\nx: &n aliased\nmetadata:\n  name: *n\n  project: p\nspec: {}\n`,
  `kind: Dashboard\nmetadata:\n  name: !!str 10\n  project: p\nspec: {}\n`,
  `${board('multi')}---\n${board('second')}`,
  `- kind: Dashboard\n  metadata:\n    name: listed\n    project: p\n`,
  `kind: Dashboard\nmetadata:\n  name: dupe\n  name: dupe2\n  project: p\nspec: {}\n`,
  `{"kind":"Dashboard","metadata":{"name":"a\\u00e9\\"b","project":"p"},"spec":{"display":{"name":"tab\\there"}}}`,
  `# comment first\n${board('Übersicht-東京')}`,
  `spec:\n  display:\n    name: Late\n  panels: {}\nmetadata:\n  project: perses\n  name: specfirst\nkind: Dashboard\n`,
  // Problems the head does not see: a later duplicate kind, a parse error, bad panels.
  `${board('late-kind')}kind: Datasource\n`,
  `{"kind":"Dashboard","metadata":{"name":"late-json","project":"perses"},"spec":{"display":{"name":"L"},"panels":{}},"kind":"Datasource"}`,
  `${board('broken')}  layouts: [\n`,
  board(
    'bad-ref',
    'perses',
    '  panels: {}\n  layouts:\n  - kind: Grid\n    spec:\n      items:\n      - x: 0\n        y: 0\n        width: 1\n        height: 1\n        content:\n          $ref: "#/spec/panels/missing"\n',
  ),
  `{"kind":"Dashboard","metadata":{"name":"json-bad","project":"perses"},"spec":{"display":{"name":"J"},"duration":"forever","panels":{}}}`,
  `{"kind":"Dashboard","metadata":{"name":"trailing","project":"perses"},"spec":{"display":{"name":"T"},"panels":{}},}`,
  // Twins (duplicate identity) and an unknown project: cross findings.
  board('twin'),
  board('TWIN'),
  board('orphan', 'no-such-project'),
];

let built: Container[] | undefined;
function containers(): Container[] {
  return (built ??= build());
}

function build(): Container[] {
  const texts = [...fixtureTexts(), ...TRICKY];
  return texts.map((text, i) => {
    const key = `${i % 4 === 0 ? 'shared' : `k${i}`}.${/^\s*[[{]/.test(text) ? 'json' : 'yaml'}`;
    const cm: V1ConfigMap = {
      metadata: {
        namespace: `ns${i % 3}`,
        name: `c${i}`,
        resourceVersion: String(i + 1),
        labels: { 'perses.dev/resource': 'true' },
      },
      data: { [key]: text },
    };
    return toContainer(cm);
  });
}

/** What a list shows and what a check adds, for comparison. */
const view = (r: IndexedResource) => ({
  summary: r.summary,
  json: r.json,
  own: r.own,
  cross: r.cross,
  findings: r.findings,
  placement: r.placement,
  keys: r.keys,
  search: r.search,
  pending: r.pending,
});

describe('lazy check of the initial load', { timeout: 60_000 }, () => {
  it('once checked, holds exactly what a full index holds, and says what changed', () => {
    const all = containers();
    const eager = new ResourceIndex();
    for (const c of all) eager.put(c);
    const lazy = new ResourceIndex();
    for (const c of all) lazy.load(c);
    const pendingAtLoad = lazy.list({}, () => true).filter((r) => r.pending);
    expect(pendingAtLoad.length).toBeGreaterThan(40);
    for (const r of pendingAtLoad) expect(r.summary.findings.pending).toBe(true);
    expect(lazy.pendingCount).toBe(pendingAtLoad.length);

    const events: ResourceEvent[] = [];
    lazy.subscribe((e) => events.push(e));
    while (lazy.checkNext());
    expect(lazy.pendingCount).toBe(0);
    const list = (i: ResourceIndex) => i.list({}, () => true).map(view);
    expect(list(lazy)).toEqual(list(eager));
    // Every resource that was pending is announced with its checked summary.
    const modified = new Map(
      events.flatMap((e) => (e.type === 'modified' ? [[e.resource.id, e.resource]] : [])),
    );
    for (const r of pendingAtLoad) {
      const now = lazy.get(r.summary.id);
      if (now) expect(modified.get(r.summary.id)).toEqual(now.summary);
      else expect(events).toContainEqual({ type: 'deleted', resource: r.summary });
    }
    // The head scan got these wrong or could not see their problems; the check put them right.
    for (const name of ['late-json', 'broken', 'bad-ref', 'json-bad']) {
      const atLoad = pendingAtLoad.find((r) => r.summary.name === name);
      expect(atLoad, name).toBeDefined();
      if (!atLoad) continue;
      expect(modified.get(atLoad.summary.id)!.findings.errors, name).toBeGreaterThan(
        atLoad.summary.findings.errors,
      );
    }
  });

  it('checks one resource on demand, with its findings and positions', () => {
    const all = containers();
    const eager = new ResourceIndex();
    for (const c of all) eager.put(c);
    const lazy = new ResourceIndex();
    for (const c of all) lazy.load(c);
    const bad = lazy.list({ q: 'bad-ref' }, () => true)[0]!;
    expect(bad.pending).toBe(true);
    expect(bad.summary.findings.pending).toBe(true);
    const checked = lazy.checked(bad.summary.id)!;
    expect(checked.summary.findings.errors).toBeGreaterThan(bad.summary.findings.errors);
    expect(checked.summary.findings.pending).toBeUndefined();
    expect(view(checked)).toEqual(view(eager.get(bad.summary.id)!));
    expect(checked.own.some((f) => f.line !== undefined && f.column !== undefined)).toBe(true);
    expect(lazy.pendingCount).toBe(lazy.list({}, () => true).filter((r) => r.pending).length);
  });

  it('a change during the check replaces the pending copy', () => {
    const lazy = new ResourceIndex();
    const first = toContainer({
      metadata: { namespace: 'a', name: 'x', resourceVersion: '1', labels: {} },
      data: { 'x.yaml': board('before') },
    });
    lazy.load(first);
    expect(lazy.pendingCount).toBe(1);
    lazy.put(
      toContainer({
        metadata: { namespace: 'a', name: 'x', resourceVersion: '2', labels: {} },
        data: { 'x.yaml': board('after') },
      }),
    );
    expect(lazy.pendingCount).toBe(0);
    expect(lazy.checkNext()).toBe(false);
    expect(lazy.list({}, () => true).map((r) => r.summary.name)).toEqual(['after']);
  });
});
