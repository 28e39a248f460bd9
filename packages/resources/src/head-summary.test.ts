import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headSummary } from './head-summary.ts';
import { identityOf } from './identity.ts';
import { parseText } from './parse.ts';
import { resourceItems } from './resource-items.ts';
import { toYamlText } from './serialize.ts';
import { exampleFiles, FIXTURES_DIR, realDashboards } from './testing/fixtures.ts';

/** What the full parse says of a text, in the head summary's terms; null when not one Dashboard. */
function fully(text: string): Omit<NonNullable<ReturnType<typeof headSummary>>, 'format'> | null {
  const parsed = parseText(text);
  const items = resourceItems(parsed).items;
  if (items.length !== 1 || items[0]!.pointer.length > 0) return null;
  const doc = items[0]!.value;
  const id = identityOf(doc);
  if (id?.kind !== 'Dashboard') return null;
  const display = (doc as { spec?: { display?: { name?: unknown } } }).spec?.display?.name;
  return {
    kind: 'Dashboard',
    name: id.name,
    project: id.project ?? null,
    displayName: typeof display === 'string' ? display : null,
  };
}

/** Every fixture text under the shared fixtures folder, and each document in its own text. */
function fixtureTexts(): { label: string; text: string }[] {
  const root = join(FIXTURES_DIR, '..');
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .sort();
  const out: { label: string; text: string }[] = [];
  for (const f of files) {
    const text = readFileSync(join(root, f), 'utf8');
    out.push({ label: f, text });
    const docs = resourceItems(parseText(text)).items.map((i) => i.value);
    docs.forEach((doc, i) => {
      out.push({ label: `${f}#${i} json`, text: `${JSON.stringify(doc, null, 2)}\n` });
      out.push({ label: `${f}#${i} compact`, text: JSON.stringify(doc) });
      out.push({ label: `${f}#${i} yaml`, text: toYamlText(doc) });
    });
  }
  for (const e of exampleFiles()) out.push({ label: e.path, text: e.text });
  return out;
}

const dash = (extra = '') =>
  `kind: Dashboard\nmetadata:\n  name: demo\n  project: perses\nspec:\n  display:\n    name: Demo board\n  panels: {}\n${extra}`;

/** Inputs that a head scanner could read wrongly. */
const TRICKY: Record<string, string> = {
  anchorOnMetadata: `kind: Dashboard\nmetadata: &m\n  name: a\n  project: p\nspec: {}\n`,
  aliasName: `kind: Dashboard\nx: &n foo\nmetadata:\n  name: *n\n  project: p\nspec: {}\n`,
  mergeKey: `kind: Dashboard\nbase: &b\n  name: a\nmetadata:\n  <<: *b\n  project: p\nspec: {}\n`,
  tagName: `kind: Dashboard\nmetadata:\n  name: !!str 10\n  project: p\nspec: {}\n`,
  tagKind: `kind: !!str Dashboard\nmetadata:\n  name: a\nspec: {}\n`,
  multiDocument: `${dash()}---\nkind: Dashboard\nmetadata:\n  name: b\n  project: perses\n`,
  leadingMarker: `---\n${dash()}`,
  yamlList: `- kind: Dashboard\n  metadata:\n    name: a\n    project: p\n`,
  jsonList: `[{"kind":"Dashboard","metadata":{"name":"a","project":"p"},"spec":{}}]`,
  yamlDuplicateKind: `kind: Dashboard\nmetadata:\n  name: a\nkind: Datasource\n`,
  yamlDuplicateName: `kind: Dashboard\nmetadata:\n  name: a\n  name: b\n  project: p\nspec: {}\n`,
  jsonDuplicateName: `{"kind":"Dashboard","metadata":{"name":"a","name":"b","project":"p"},"spec":{}}`,
  jsonDuplicateKind: `{"kind":"Datasource","kind":"Dashboard","metadata":{"name":"a","project":"p"},"spec":{}}`,
  jsonCaseFolded: `{"kind":"Dashboard","Metadata":{"name":"x"},"metadata":{"name":"a","project":"p"},"spec":{}}`,
  jsonEscapes: `{"kind":"Dashboard","metadata":{"name":"a\\u00e9\\"b","project":"p"},"spec":{"display":{"name":"tab\\there \\ud83d\\ude00"}}}`,
  jsonLoneSurrogate: `{"kind":"Dashboard","metadata":{"name":"a","project":"p"},"spec":{"display":{"name":"\\ud83d"}}}`,
  yamlEscapes: `kind: Dashboard\nmetadata:\n  name: "a\\tb"\n  project: p\nspec: {}\n`,
  yamlSingleQuoted: `kind: 'Dashboard'\nmetadata:\n  name: 'it''s'\n  project: "p"\nspec:\n  display:\n    name: 'x: y # z'\n`,
  nonAscii: `kind: Dashboard\nmetadata:\n  name: demo\n  project: perses\nspec:\n  display:\n    name: Übersicht – Größe 東京\n`,
  jsonNonAscii: `{"kind":"Dashboard","metadata":{"name":"demo","project":"perses"},"spec":{"display":{"name":"Übersicht 東京 😀"}}}`,
  commentsFirst: `# a dashboard\n\n  # indented comment\nkind: Dashboard # trailing\nmetadata: # m\n  # c\n  name: demo # n\n  project: perses\nspec:\n  display:\n    name: Demo # d\n`,
  specFirstYaml: `spec:\n  panels:\n    a:\n      kind: Panel\n  display:\n    name: Late\nmetadata:\n  project: perses\n  name: demo\nkind: Dashboard\n`,
  specFirstJson: `{"spec":{"panels":{"a":{"kind":"Panel","spec":{"x":[1,2,{"y":"}"}]}}},"display":{"name":"Late"}},"metadata":{"project":"perses","name":"demo"},"kind":"Dashboard"}`,
  numberName: `kind: Dashboard\nmetadata:\n  name: 1_0\n  project: perses\nspec: {}\n`,
  boolName: `kind: Dashboard\nmetadata:\n  name: yes\n  project: perses\nspec: {}\n`,
  nullProject: `kind: Dashboard\nmetadata:\n  name: a\n  project: null\nspec: {}\n`,
  multiLinePlain: `kind: Dashboard\nmetadata:\n  name: a\n    b\n  project: perses\nspec: {}\n`,
  multiLineDisplay: `kind: Dashboard\nmetadata:\n  name: a\n  project: p\nspec:\n  display:\n    name: "one\n      two"\n`,
  blockScalarDescription: `kind: Dashboard\nmetadata:\n  name: a\n  project: p\nspec:\n  display:\n    description: |\n      long\n      text\n    name: Shown\n`,
  flowTop: `{kind: Dashboard, metadata: {name: a, project: p}, spec: {}}`,
  flowMetadata: `kind: Dashboard\nmetadata: {name: a, project: p}\nspec: {}\n`,
  jsonTrailingComma: `{"kind":"Dashboard","metadata":{"name":"a","project":"p"},"spec":{},}`,
  crlf: dash().replace(/\n/g, '\r\n'),
  tabs: `kind: Dashboard\nmetadata:\n\tname: a\n`,
  indentedRoot: `  kind: Dashboard\n  metadata:\n    name: a\n    project: p\n`,
  noDisplay: `kind: Dashboard\nmetadata:\n  name: a\n  project: p\nspec:\n  panels: {}\n`,
  sequenceAtChildIndent: `kind: Dashboard\nmetadata:\n  name: a\n  project: p\nspec:\n  variables:\n  - kind: ListVariable\n    spec: {}\n  display:\n    name: After\n`,
  controlChar: `kind: Dashboard\nmetadata:\n  name: a\u0001\n  project: p\n`,
  otherKind: `kind: Datasource\nmetadata:\n  name: a\n  project: p\nspec: {}\n`,
};

describe('headSummary', () => {
  it('says what the full parse says of every fixture, or that it does not know', () => {
    let known = 0;
    for (const { label, text } of fixtureTexts()) {
      const head = headSummary(text);
      if (head === null) continue;
      known++;
      const { format, ...who } = head;
      expect(who, label).toEqual(fully(text));
      expect(format, label).toBe(parseText(text).format);
    }
    // The real dashboards, each in its own text, are read from their head (not all "don't know").
    expect(known).toBeGreaterThanOrEqual(realDashboards().length * 3);
  });

  it.each(Object.entries(TRICKY))('%s: the same identity as the full parse, or null', (_, text) => {
    const head = headSummary(text);
    if (head === null) return;
    const { format: _format, ...who } = head;
    expect(who).toEqual(fully(text));
  });

  it('answers null for what only a full parse can read', () => {
    const unknown = Object.keys(TRICKY).filter((k) => headSummary(TRICKY[k]!) === null);
    expect(unknown.sort()).toEqual(
      [
        'aliasName',
        'anchorOnMetadata',
        'boolName',
        'controlChar',
        'crlf',
        'flowMetadata',
        'flowTop',
        'indentedRoot',
        'jsonCaseFolded',
        'jsonDuplicateKind',
        'jsonDuplicateName',
        'jsonList',
        'jsonLoneSurrogate',
        'jsonTrailingComma',
        'leadingMarker',
        'mergeKey',
        'multiDocument',
        'multiLineDisplay',
        'multiLinePlain',
        'nullProject',
        'numberName',
        'otherKind',
        'tabs',
        'tagKind',
        'tagName',
        'yamlDuplicateKind',
        'yamlDuplicateName',
        'yamlEscapes',
        'yamlList',
      ].sort(),
    );
  });

  it('reads block YAML, JSON in any key order, comments and quoting', () => {
    expect(headSummary(TRICKY.commentsFirst!)).toEqual({
      format: 'yaml',
      kind: 'Dashboard',
      name: 'demo',
      project: 'perses',
      displayName: 'Demo',
    });
    expect(headSummary(TRICKY.specFirstJson!)?.displayName).toBe('Late');
    expect(headSummary(TRICKY.specFirstYaml!)?.displayName).toBe('Late');
    expect(headSummary(TRICKY.yamlSingleQuoted!)?.name).toBe("it's");
    expect(headSummary(TRICKY.jsonEscapes!)?.name).toBe('aé"b');
    expect(headSummary(TRICKY.blockScalarDescription!)?.displayName).toBe('Shown');
    expect(headSummary(TRICKY.noDisplay!)?.displayName).toBeNull();
  });
});
