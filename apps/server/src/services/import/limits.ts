// The bounds of one import, measured on the bytes as they stream in: archive headers (sizes,
// counts) are never trusted, so a small archive that inflates without end stops at these.
import { CONFIGMAP_MAX_BYTES } from '../../domain/model.ts';

export interface ImportLimits {
  /** Bytes of the uploaded archive itself (compressed). */
  archiveBytes: number;
  /** Bytes once decompressed, all entries together (a zip or tar bomb stops here). */
  totalBytes: number;
  /** Entries of an archive or files of a folder, directories included. */
  entries: number;
  /** Bytes of one entry: a resource file must fit one ConfigMap. */
  entryBytes: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  archiveBytes: 32 * 2 ** 20,
  totalBytes: 64 * 2 ** 20,
  entries: 10_000,
  entryBytes: CONFIGMAP_MAX_BYTES,
};

/** `12.5 MiB`, for messages. */
export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes % 2 ** 20 === 0 ? 0 : 1)} MiB`;
}
