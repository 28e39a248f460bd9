// The common case of reading YAML without building a node tree. The `yaml` library (parse-yaml.ts)
// keeps a document with source ranges for every node: the positions, tags, anchors and scalar
// styles lint needs, at about fifteen times the cost of js-yaml's direct reader. Most resource
// files use none of what needs the tree, so js-yaml reads them first, and any text it cannot
// vouch for, or that holds anything lint would report, is read again by the `yaml` library, which
// stays the one judge of findings and positions. Scalars are typed by the `yaml` library's own
// YAML 1.2 core tags, so both paths give the same values.
import jsYaml from 'js-yaml';
import { isScalar, Schema, type ScalarTag } from 'yaml';
import { FORBIDDEN_KEYS, MAX_DEPTH } from './parse-limits.ts';
import { otherReading, YAML_FORBIDDEN_CHARACTER } from './yaml-readers.ts';

/**
 * Whether the text may hold what only the node tree can judge, so goes to the `yaml` library: a
 * tab (indentation rules differ between readers), a directive, an explicit (`?`) or empty (`:`)
 * key, a flow collection followed by `:` (a collection as a key). Matching more than that only
 * costs time. Anchors, aliases and tags are caught while reading (see `listener`): a text check
 * for them would send every Markdown list (`* item`) to the slow path.
 */
const ODD_KEY = /^[ \t]*(?:-[ \t]+)*[?:](?:[ \t]|$)/m;
const COLLECTION_KEY = /[[{][^\n]*[\]}][ \t]*:(?:[ \t]|$)/m;
const CLOSED_THEN_COLON = /[\]}][ \t]*:(?:[ \t]|$)/;

function needsTree(text: string): boolean {
  if (text.includes('\t') || text.startsWith('%') || text.includes('\n%')) return true;
  if (ODD_KEY.test(text)) return true;
  return CLOSED_THEN_COLON.test(text) && COLLECTION_KEY.test(text);
}

const CORE_SCALARS = new Schema({ schema: 'core' }).tags.filter(
  (t): t is ScalarTag & { test: RegExp } => !t.collection && t.default === true && !!t.test,
);

const CORE_FIRST = /^[-+.0-9~nNtTfF]/;

class Bail extends Error {}

/** A plain scalar's value as the `yaml` library's core schema types it; bails on other readings. */
function plainValue(text: string): unknown {
  // Every core form but a string starts with one of these (null, booleans, numbers): most plain
  // scalars of a dashboard are words, and need no test.
  const tag = CORE_FIRST.test(text) ? CORE_SCALARS.find((t) => t.test.test(text)) : undefined;
  let value: unknown = text;
  if (tag) {
    const resolved = tag.resolve(
      text,
      () => {
        throw new Bail();
      },
      {},
    );
    value = isScalar(resolved) ? resolved.value : resolved;
  }
  // Perses (yaml.v3) or a YAML 1.1 reader sees something else: lint says so, with a position.
  if (otherReading(text, value) !== undefined) throw new Bail();
  return value;
}

const PLAIN = 'tag:perses-cm.dev,2024:plain';
const SCHEMA = new jsYaml.Schema({
  implicit: [
    new jsYaml.Type(PLAIN, { kind: 'scalar', resolve: () => true, construct: plainValue }),
  ],
});

/**
 * Refuses any node with an anchor or an explicit tag (`!` included): js-yaml restores both on a
 * collection before closing it. An alias needs an anchor before it (else js-yaml throws), and
 * the schema knows no explicit tag (js-yaml throws on `!!str` and the like).
 */
function listener(event: string, state: { tag: string | null; anchor: string | null }): void {
  if (event === 'close' && (state.anchor !== null || (state.tag !== null && state.tag !== PLAIN)))
    throw new Bail();
}

/** False when a key or the nesting is something lint reports, or the readers may key differently. */
function clean(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every((v) => clean(v, depth + 1));
  for (const key of Object.keys(value)) {
    // A null key is "" to the `yaml` library and "null" to js-yaml; a collection key is an error
    // to the first and "a,b" to the second; implicit keys are capped at 1024 characters.
    if (FORBIDDEN_KEYS.has(key) || key === '' || key === 'null') return false;
    if (key.includes(',') || key.includes('[object ')) return false;
    if (key.length > 1000) return false;
    if (!clean((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** The value of a one-document YAML text holding an object or a list, when nothing in it needs the tree. */
export function readYamlFast(text: string): { value: unknown } | undefined {
  if (needsTree(text) || YAML_FORBIDDEN_CHARACTER.test(text)) return undefined;
  let value: unknown;
  try {
    value = jsYaml.load(text, { schema: SCHEMA, listener: listener as never });
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return clean(value, 1) ? { value } : undefined;
}
