import { describe, expect, it } from 'vitest';
import type { WhoAmIResponse } from '@perses-cm/api';
import { creatableNamespaces, permission } from './capabilities.ts';

const who: WhoAmIResponse = {
  identity: { name: 'viewer', groups: [], source: 'kubeconfig' },
  target: {
    type: 'kubernetes',
    cluster: 'c',
    server: 'https://x',
    namespaces: ['a', 'b'],
    label: { key: 'perses.dev/resource', value: 'true' },
  },
  capabilities: [
    {
      namespace: 'a',
      allowed: { list: true, get: true, create: false, update: false, delete: false },
      reasons: { update: 'RBAC: viewer cannot update configmaps' },
    },
    {
      namespace: 'b',
      allowed: { list: true, get: true, create: true, update: true, delete: true },
      reasons: {},
    },
  ],
};

describe('permission', () => {
  it('denies with the server reason', () => {
    expect(permission(who, 'update', 'a')).toEqual({
      allowed: false,
      reason: 'RBAC: viewer cannot update configmaps',
    });
  });
  it('explains a denial the server gave no reason for', () => {
    expect(permission(who, 'delete', 'a').reason).toMatch(/viewer may not delete/);
  });
  it('allows where the verb is allowed', () => {
    expect(permission(who, 'update', 'b').allowed).toBe(true);
  });
  it('denies a namespace the server did not report', () => {
    expect(permission(who, 'update', 'zzz').allowed).toBe(false);
  });
  it('is pending until whoami answers', () => {
    expect(permission(undefined, 'update', 'b').allowed).toBe(false);
  });
  it('lists namespaces that allow create', () => {
    expect(creatableNamespaces(who)).toEqual(['b']);
  });
});
