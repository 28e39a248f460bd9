// Every state-changing request is refused unless it comes from the console's own origin, carries
// the CSRF header and, with a body, sends JSON; and a refused request writes nothing.
import { API, CSRF_HEADER, ErrorBody } from '@perses-cm/api';
import { describe, expect } from 'vitest';
import { projectText } from '../testing/documents.ts';
import { rawRequest, type RawAnswer } from '../testing/raw-http.ts';
import { it } from '../testing/server-test.ts';

const body = (name: string) => JSON.stringify({ text: projectText(name) });
const host = (url: string) => new URL(url).host;
const code = (a: RawAnswer) => ErrorBody.parse(JSON.parse(a.body)).error.code;

describe('CSRF defence', () => {
  it('accepts a same-origin JSON write with the header', async ({ srv }) => {
    const a = await rawRequest(
      srv.url,
      'POST',
      API.resources,
      {
        host: host(srv.url),
        origin: srv.url,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
        [CSRF_HEADER]: '1',
      },
      body('csrf-ok'),
    );
    expect(a.status).toBe(201);
  });

  it('refuses a write without the header, from another origin, or not JSON', async ({
    srv,
    api,
  }) => {
    const before = (await api.list()).body.items.length;
    const base = { host: host(srv.url), 'content-type': 'application/json', [CSRF_HEADER]: '1' };
    const post = (headers: Record<string, string>, text = body('csrf-no')) =>
      rawRequest(srv.url, 'POST', API.resources, headers, text);

    const { [CSRF_HEADER]: _omit, ...withoutHeader } = base;
    const missing = await post(withoutHeader);
    expect([missing.status, code(missing)]).toEqual([403, 'forbidden']);
    expect(ErrorBody.parse(JSON.parse(missing.body)).error.message).toContain(CSRF_HEADER);

    const crossOrigin = await post({ ...base, origin: 'https://evil.example' });
    expect([crossOrigin.status, code(crossOrigin)]).toEqual([403, 'forbidden']);
    const nullOrigin = await post({ ...base, origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const crossSite = await post({ ...base, 'sec-fetch-site': 'same-site' });
    expect(crossSite.status).toBe(403);

    // What a cross-site <form> can send without a preflight.
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const refused = await post({ ...base, 'content-type': type });
      expect([refused.status, code(refused)], type).toEqual([415, 'unsupported_media_type']);
    }
    const untyped = await post({ host: base.host, [CSRF_HEADER]: '1' });
    expect(untyped.status).toBe(415);

    expect((await api.list()).body.items.length).toBe(before);
  });

  it('guards deletes and sign-out too, and leaves reads alone', async ({ srv, api }) => {
    const item = (await api.list()).body.items[0]!;
    const del = await rawRequest(
      srv.url,
      'DELETE',
      `${API.resource(item.id)}?version=${item.version}`,
      { host: host(srv.url) },
    );
    expect(del.status).toBe(403);
    expect((await api.get(item.id)).status).toBe(200);
    const signOut = await rawRequest(srv.url, 'DELETE', API.session, { host: host(srv.url) });
    expect(signOut.status).toBe(403);
    const read = await rawRequest(srv.url, 'GET', API.resources, {
      host: host(srv.url),
      origin: 'https://evil.example',
    });
    expect(read.status).toBe(200);
  });
});
