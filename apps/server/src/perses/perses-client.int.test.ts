// The Perses client against the stack's real Perses v0.54.0 (auth off): health and config, list and
// get with and without metadata_only, create/update/delete of a dashboard in a project, and how
// Perses's refusals and an unreachable or silent Perses become the app's errors.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durationMs } from '@perses-cm/resources';
import { freePort } from '@perses-cm/stack';
import { stackEnv, uniq, type StackEnv } from '../testing/kube-fixture.ts';
import { PersesClient } from './perses-client.ts';
import { directTransport } from './transport.ts';
import { failure } from '../testing/perses.ts';

let env: StackEnv;
let perses: PersesClient;
const project = uniq('client');

const dashboard = (name: string, display = name) => ({
  kind: 'Dashboard',
  metadata: { name, project },
  spec: { display: { name: display }, duration: '1h', panels: {}, layouts: [] },
});

beforeAll(async () => {
  env = stackEnv();
  perses = new PersesClient(directTransport(env.persesUrl));
  await perses.create({ kind: 'Project', metadata: { name: project }, spec: {} });
});
afterAll(async () => {
  await perses?.delete('Project', null, project).catch(() => undefined);
});

describe('health and configuration', () => {
  it('reads the version and the effective provisioning, security and database settings', async () => {
    expect(await perses.health()).toMatchObject({ version: '0.54.0', database: true });
    const config = await perses.config();
    expect(config.provisioning.folders).toEqual([env.provisioningDir]);
    expect(config.provisioning.interval?.ms).toBe(durationMs(env.provisioningInterval));
    expect(config.security).toEqual({ readonly: false, enableAuth: false });
    expect(config.database).toMatchObject({ type: 'file', caseSensitive: false });
  });
});

describe('resources', () => {
  it('creates, reads, lists, updates and deletes a dashboard in a project', async () => {
    const name = uniq('dash');
    const created = await perses.create(dashboard(name, 'First'));
    expect(created.metadata).toMatchObject({ name, project });

    const got = await perses.get('Dashboard', project, name);
    expect(got.spec).toMatchObject({ display: { name: 'First' }, duration: '1h' });

    const full = await perses.list('Dashboard', { project });
    expect(full.metadataOnly).toBe(false);
    expect(full.items.find((d) => d.metadata.name === name)?.spec).toMatchObject({
      display: { name: 'First' },
    });
    const light = await perses.list('Dashboard', { project, metadataOnly: true });
    expect(light.metadataOnly).toBe(true);
    const entry = light.items.find((d) => d.metadata.name === name);
    expect(entry?.metadata.project).toBe(project);
    expect(entry?.spec).toEqual({});
    // Without a project: the cross-project list.
    const everywhere = await perses.list('Dashboard', { metadataOnly: true });
    expect(everywhere.items.some((d) => d.metadata.project === project)).toBe(true);

    await perses.update(dashboard(name, 'Second'));
    expect((await perses.get('Dashboard', project, name)).spec).toMatchObject({
      display: { name: 'Second' },
    });

    await perses.delete('Dashboard', project, name);
    const gone = await failure(perses.get('Dashboard', project, name));
    expect(gone.code).toBe('not_found');
    expect(gone.message).toMatch(/document not found/);
  });

  it('gives back an earlier list while Perses answers the same bytes, and a new one after a change', async () => {
    const first = await perses.list('Dashboard', { project, metadataOnly: true });
    const again = await perses.list('Dashboard', { project, metadataOnly: true, previous: first });
    expect(again).toBe(first);
    const name = uniq('moved');
    await perses.create(dashboard(name));
    const after = await perses.list('Dashboard', { project, metadataOnly: true, previous: first });
    expect(after).not.toBe(first);
    expect(after.items.map((d) => d.metadata.name)).toContain(name);
  });

  it('lists in full the kinds whose metadata-only list Perses does not implement', async () => {
    const name = uniq('ds');
    await perses.create({
      kind: 'Datasource',
      metadata: { name, project },
      spec: {
        default: false,
        plugin: { kind: 'PrometheusDatasource', spec: { directUrl: 'http://prometheus:9090' } },
      },
    });
    const list = await perses.list('Datasource', { project, metadataOnly: true });
    expect(list.metadataOnly).toBe(false);
    expect(list.items.find((d) => d.metadata.name === name)?.spec).toMatchObject({
      plugin: { kind: 'PrometheusDatasource' },
    });
  });
});

describe('reads while Perses rewrites the document', () => {
  it('never passes on the 500 Perses answers for a document cut by a write in progress', async () => {
    // Perses's file database truncates a document and then writes it again; a read in between
    // fails with 500 "internal server error". A raw reader beside the client counts those answers,
    // so the test knows the race happened while the client read.
    const name = uniq('rewritten');
    const panels = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [
        `p${i}`,
        {
          kind: 'Panel',
          spec: {
            display: { name: `panel ${i}` },
            plugin: { kind: 'Markdown', spec: { text: 'x'.repeat(300) } },
          },
        },
      ]),
    );
    const big = (display: string) => ({
      ...dashboard(name, display),
      spec: { ...dashboard(name).spec, display: { name: display }, panels },
    });
    await perses.create(big('v0'));
    const url = `${env.persesUrl}/api/v1/projects/${project}/dashboards/${name}`;
    let stop = false;
    let raw500 = 0;
    let reads = 0;
    const errors: string[] = [];
    const writer = async () => {
      for (let n = 1; !stop; n++) await perses.update(big(`v${n}`));
    };
    const rawReader = async () => {
      while (!stop) {
        const res = await fetch(url);
        await res.text();
        if (res.status === 500) raw500++;
      }
    };
    const clientReader = async () => {
      while (!stop) {
        await Promise.all([
          perses.get('Dashboard', project, name),
          perses.list('Dashboard', { project }),
        ]).catch((err: Error) => errors.push(err.message));
        reads += 2;
        if (reads >= 600 && raw500 >= 3) stop = true;
        if (reads >= 6000) stop = true;
      }
    };
    await Promise.all([writer(), rawReader(), rawReader(), clientReader()]);
    expect(raw500).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('errors', () => {
  it('maps a second create to already_exists and a refused document to bad_request with Perses’s message', async () => {
    const name = uniq('twice');
    await perses.create(dashboard(name));
    expect((await failure(perses.create(dashboard(name)))).code).toBe('already_exists');

    const orphan = { ...dashboard(uniq('orphan')), metadata: { name: 'x', project: uniq('none') } };
    const refused = await failure(perses.create(orphan));
    expect(refused.code).toBe('bad_request');
    expect(refused.message).toMatch(/doesn't exist|does not exist/);
    expect(refused.details).toEqual({ status: 400 });
  });

  it('says Perses is unreachable when nothing listens', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const err = await failure(new PersesClient(directTransport(url)).health());
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(new RegExp(`Perses at ${url} is unreachable: .*ECONNREFUSED`));
  });

  it('aborts a call Perses does not answer in time', async () => {
    // A server that accepts connections and never answers.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const client = new PersesClient(directTransport(`http://127.0.0.1:${port}`), undefined, {
        timeoutMs: 300,
      });
      const err = await failure(client.list('Project'));
      expect(err.code).toBe('unavailable');
      expect(err.message).toMatch(/no answer within 0.3 s/);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
