import { describe, expect, it } from 'vitest';
import { directTransport, urlOf } from './transport.ts';

describe('urlOf', () => {
  it('keeps a path prefix of the base (Perses api_prefix, a proxy path)', () => {
    expect(urlOf(directTransport('http://p:8080'), '/api/v1/health')).toBe(
      'http://p:8080/api/v1/health',
    );
    expect(urlOf(directTransport('http://p/perses/'), '/api/config')).toBe(
      'http://p/perses/api/config',
    );
    const proxy = {
      ...directTransport('https://k:6443/api/v1/namespaces/m/services/perses:8080/proxy/'),
    };
    expect(urlOf(proxy, '/api/v1/projects', new URLSearchParams({ metadata_only: 'true' }))).toBe(
      'https://k:6443/api/v1/namespaces/m/services/perses:8080/proxy/api/v1/projects?metadata_only=true',
    );
  });

  it('refuses URLs that are not http(s) or carry credentials', () => {
    expect(() => directTransport('file:///etc/passwd')).toThrow(/http/);
    expect(() => directTransport('http://u:p@perses')).toThrow(/credentials/);
  });
});
