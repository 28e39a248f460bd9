import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret } from './secret.ts';

describe('Secret', () => {
  it('shows its value to no log, string or JSON, only to reveal()', () => {
    const s = new Secret('hunter2');
    const holder = { auth: { token: s } };
    expect(`${s}`).toBe('<secret>');
    expect(JSON.stringify(holder)).toBe('{"auth":{"token":"<secret>"}}');
    expect(inspect(holder, { depth: 5 })).not.toContain('hunter2');
    expect(s.reveal()).toBe('hunter2');
  });
});
