// The resource service's refusals that must come before any access review: each review is a call
// to the API server and an entry in the decision cache, so a caller must not cause them at will.
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import type { Authorizer, Identity } from '../domain/identity.ts';
import type { ResourceStore } from '../stores/store.ts';
import { ResourceIndex } from './resource-index.ts';
import { ResourceService } from './resource-service.ts';

const who: Identity = { name: 'alice', groups: [], source: 'kubeconfig' };

function serviceOver(watched: string[]) {
  const asked: string[] = [];
  const authorizer: Authorizer = {
    can: async (_who, verb, ns) => {
      asked.push(`${verb} ${ns ?? '*'}`);
      return { allowed: true };
    },
  };
  // Only what `list` reads of a store: its status and the namespaces it watches.
  const store = {
    status: () => ({ synced: true, stale: null, errors: [] }),
    writableNamespaces: () => watched,
  } as unknown as ResourceStore;
  return { service: new ResourceService(store, new ResourceIndex(), authorizer), asked };
}

describe('ResourceService namespace filter', () => {
  it('refuses a namespace outside the watched ones before asking anything', async () => {
    const { service, asked } = serviceOver(['team-a']);
    const err = await service.list(who, { namespace: 'kube-system' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('bad_request');
    expect((err as AppError).message).toMatch(/"kube-system" is not watched .*team-a/);
    expect(asked).toEqual([]);
  });

  it('asks about a watched namespace', async () => {
    const { service, asked } = serviceOver(['team-a']);
    await service.list(who, { namespace: 'team-a' });
    expect(asked).toEqual(['list team-a']);
  });
});
