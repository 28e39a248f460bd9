// Pure mapping from a ConfigMap to the files k8s-sidecar would write for it.
import { isAbsolute, join } from 'node:path';
import type { V1ConfigMap } from '@kubernetes/client-node';

export interface DesiredFile {
  path: string;
  content: Buffer;
  /** How the sidecar logs it: `data` is text, `binaryData` is base64-decoded bytes. */
  encoding: 'ascii' | 'binary';
}

export interface MappingOptions {
  folder: string;
  folderAnnotation: string;
  uniqueFilenames: boolean;
}

/** `namespace/name`: the identity under which the files of a ConfigMap are remembered. */
export function configMapId(cm: V1ConfigMap): string {
  return `${cm.metadata?.namespace ?? ''}/${cm.metadata?.name ?? ''}`;
}

function targetFolder(cm: V1ConfigMap, opts: MappingOptions): string {
  const annotated = cm.metadata?.annotations?.[opts.folderAnnotation];
  if (!annotated) return opts.folder;
  return isAbsolute(annotated) ? annotated : join(opts.folder, annotated);
}

function fileName(cm: V1ConfigMap, key: string, opts: MappingOptions): string {
  if (!opts.uniqueFilenames) return key;
  return `namespace_${cm.metadata?.namespace ?? ''}.configmap_${cm.metadata?.name ?? ''}.${key}`;
}

export function desiredFiles(cm: V1ConfigMap, opts: MappingOptions): DesiredFile[] {
  const folder = targetFolder(cm, opts);
  const files: DesiredFile[] = [];
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    files.push({
      path: join(folder, fileName(cm, key, opts)),
      content: Buffer.from(value, 'utf8'),
      encoding: 'ascii',
    });
  }
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) {
    files.push({
      path: join(folder, fileName(cm, key, opts)),
      content: Buffer.from(value, 'base64'),
      encoding: 'binary',
    });
  }
  return files;
}
