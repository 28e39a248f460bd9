import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { PERSES_KINDS } from './kinds.ts';
import { jsonSchemaFor, resourceJsonSchema } from './schemas/json-schema.ts';
import { fixtureFiles, fixtureJson } from './testing/fixtures.ts';

function realResources(): Record<string, unknown>[] {
  return fixtureFiles().flatMap((f) => {
    const doc = fixtureJson<Record<string, unknown> | Record<string, unknown>[]>(f);
    return Array.isArray(doc) ? doc : [doc];
  });
}

describe('JSON Schema', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validateAny = ajv.compile(resourceJsonSchema());

  it('accepts every real provisionable resource, through the union and per kind', () => {
    const resources = realResources().filter((r) => r.kind !== 'EphemeralDashboard');
    expect(resources.length).toBeGreaterThan(35);
    for (const r of resources) {
      expect(validateAny(r), JSON.stringify(validateAny.errors)).toBe(true);
      const perKind = ajv.compile(jsonSchemaFor(r.kind as (typeof PERSES_KINDS)[number]));
      expect(perKind(r)).toBe(true);
    }
  });

  it('refuses what lint refuses: EphemeralDashboard, wrong-case kind, bad names and durations', () => {
    const [ephemeral] = fixtureJson<Record<string, unknown>[]>('ephemeraldashboard.json');
    expect(validateAny(ephemeral)).toBe(false);
    expect(validateAny({ kind: 'project', metadata: { name: 'a' } })).toBe(false);
    expect(validateAny({ kind: 'Project', metadata: { name: 'a b' } })).toBe(false);
    expect(validateAny({ kind: 'Project', metadata: { name: 'a..b' } })).toBe(false);
    expect(validateAny({ kind: 'Project', metadata: { name: 'ok' } })).toBe(true);
    const d = {
      kind: 'Dashboard',
      metadata: { name: 'd', project: 'p' },
      spec: { duration: '1h' },
    };
    expect(validateAny(d)).toBe(true);
    expect(validateAny({ ...d, spec: { duration: '1hour' } })).toBe(false);
    expect(validateAny({ ...d, metadata: { name: 'd' } })).toBe(false);
  });

  it('has one schema per kind', () => {
    for (const kind of PERSES_KINDS) expect(jsonSchemaFor(kind)).toHaveProperty('properties.kind');
  });
});
