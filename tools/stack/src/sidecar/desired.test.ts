import { describe, expect, it } from 'vitest';
import { desiredFiles } from './desired.ts';

const opts = {
  folder: '/prov',
  folderAnnotation: 'k8s-sidecar-target-directory',
  uniqueFilenames: false,
};

describe('desiredFiles', () => {
  it('maps data keys to text files and binaryData keys to decoded bytes', () => {
    const files = desiredFiles(
      {
        metadata: { namespace: 'ns', name: 'cm' },
        data: { 'a.json': 'é' },
        binaryData: { 'b.bin': 'AAH/' },
      },
      opts,
    );
    expect(files).toEqual([
      { path: '/prov/a.json', content: Buffer.from('é', 'utf8'), encoding: 'ascii' },
      { path: '/prov/b.bin', content: Buffer.from([0, 1, 255]), encoding: 'binary' },
    ]);
  });

  it('joins a relative folder annotation to FOLDER and keeps an absolute one', () => {
    const at = (dir: string) =>
      desiredFiles(
        { metadata: { annotations: { 'k8s-sidecar-target-directory': dir } }, data: { k: '' } },
        opts,
      )[0]?.path;
    expect(at('sub')).toBe('/prov/sub/k');
    expect(at('/elsewhere')).toBe('/elsewhere/k');
  });

  it('prefixes namespace and name with UNIQUE_FILENAMES', () => {
    const [f] = desiredFiles(
      { metadata: { namespace: 'team-a', name: 'dash' }, data: { 'd.json': '{}' } },
      { ...opts, uniqueFilenames: true },
    );
    expect(f?.path).toBe('/prov/namespace_team-a.configmap_dash.d.json');
  });
});
