import { describe, expect, it } from 'vitest';
import {
  labelSelectorString,
  matchesLabel,
  parseLabelSelector,
  parseNamespaceList,
  unlabeledSelectorString,
} from './label-selector.ts';

describe('label selector', () => {
  it('accepts keys with prefixes and values', () => {
    expect(parseLabelSelector('perses.dev/resource=true')).toEqual({
      ok: true,
      value: { key: 'perses.dev/resource', value: 'true' },
    });
    expect(parseLabelSelector('app')).toEqual({ ok: true, value: { key: 'app' } });
    expect(labelSelectorString({ key: 'a.b/c', value: 'd' })).toBe('a.b/c=d');
  });

  it.each([
    'a=b,c',
    'a in (b)',
    'a!=b',
    'A.B/c=d',
    'a=b c',
    'a=\r\nx',
    '=x',
    `a=${'x'.repeat(64)}`,
    'a/b/c=d',
    'x=-a',
  ])('refuses %j', (text) => {
    expect(parseLabelSelector(text).ok).toBe(false);
  });

  it('checks namespace lists', () => {
    expect(parseNamespaceList('a,b, a')).toEqual({ ok: true, value: ['a', 'b'] });
    expect(parseNamespaceList('a,B').ok).toBe(false);
    expect(parseNamespaceList(',').ok).toBe(false);
  });

  it('selects the ConfigMaps the sidecar skips, and matches labels the same way', () => {
    const label = { key: 'perses.dev/resource', value: 'true' };
    expect(unlabeledSelectorString(label)).toBe('perses.dev/resource!=true');
    expect(unlabeledSelectorString({ key: 'app' })).toBe('!app');
    expect(matchesLabel({ 'perses.dev/resource': 'true' }, label)).toBe(true);
    expect(matchesLabel({ 'perses.dev/resource': 'false' }, label)).toBe(false);
    expect(matchesLabel({}, label)).toBe(false);
    expect(matchesLabel(undefined, label)).toBe(false);
    expect(matchesLabel({ app: '' }, { key: 'app' })).toBe(true);
  });
});
