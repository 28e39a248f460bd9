// What the console reads in the logs of the pipeline. Perses v0.54.0 provisioning
// (`internal/api/provisioning/provisioning.go`, `internal/cli/file/file.go`) logs its refusals
// with logrus, as text by default (`time="..." level=error msg="..." error="..."`) or JSON; the
// sidecar (kiwigrid/k8s-sidecar) logs JSON lines `{time, level, msg}` with `Writing <path>` and
// `Removing <path>`. A line read through the Kubernetes API with `timestamps=true` starts with the
// kubelet's RFC 3339 time, finer than logrus's seconds, and that time wins.

export type ProvisioningEvent = { at: number | null; level: string; line: string } & (
  | { type: 'project-missing'; kind: string; name: string; project: string }
  | { type: 'create-failed' | 'update-failed'; kind: string; name: string; error: string }
  | { type: 'no-service'; kind: string; error: string }
  | {
      type: 'file-error';
      folder: string;
      /** The file, when the cause names it (some causes do not). */
      file: string | null;
      /** The kind the cause names (`cannot extract Dashboard`, `resource "dashboard" from file`). */
      kind: string | null;
      error: string;
    }
);

export interface SidecarEvent {
  type: 'written' | 'removed';
  at: number;
  path: string;
}

const KUBE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) /;

/** Splits off the Kubernetes API's timestamp prefix. */
function kubeTime(line: string): { at: number | null; rest: string } {
  const m = KUBE_TIME.exec(line);
  if (!m?.[1]) return { at: null, rest: line };
  const at = Date.parse(m[1]);
  return { at: Number.isNaN(at) ? null : at, rest: line.slice(m[0].length) };
}

/** Go's strconv.Quote undone (the escapes logrus and %q produce). */
export function unquoteGo(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e[0] === 'u' || e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
  });
}

/** logrus text fields: `key=value` or `key="quoted value"`. */
export function logfmtFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const re = /([A-Za-z_][\w.-]*)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const key = m[1] ?? '';
    fields[key] = m[2] !== undefined ? unquoteGo(m[2]) : (m[3] ?? '');
  }
  return fields;
}

function fieldsOf(text: string): Record<string, string> | null {
  if (text.startsWith('{')) {
    try {
      const obj = JSON.parse(text) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(obj).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
      );
    } catch {
      return null;
    }
  }
  return text.includes('msg=') ? logfmtFields(text) : null;
}

const Q = '"((?:[^"\\\\]|\\\\.)*)"';
const PATTERNS = {
  projectMissing: new RegExp(`^unable to provision the ${Q}/${Q}: project ${Q} doesn't exist$`),
  createOrUpdate: new RegExp(`^unable to (create|update) the ${Q} ${Q}$`),
  noService: new RegExp(`^unable to retrieve the service associated to ${Q}$`),
  folder: new RegExp(`^unable to load every entity from the folder ${Q}$`),
  notSupported: new RegExp(`^resource ${Q} from file ${Q} not supported by the command$`),
  noKind: new RegExp(`^objects\\[\\d+\\] from file ${Q} unable to find 'kind' field$`),
  empty: new RegExp(`^unable to unmarshall data from the file ${Q}, data is empty$`),
  extract: /^cannot extract (\w+), (?:un)?marshalling error: /,
};

const g = (s: string | undefined) => unquoteGo(s ?? '');

/** A provisioning event of a Perses log line; null for any other line. */
export function parsePersesLine(raw: string): ProvisioningEvent | null {
  const { at: kubeAt, rest } = kubeTime(raw.trim());
  const f = fieldsOf(rest);
  if (!f || f.msg === undefined) return null;
  const parsedTime = f.time ? Date.parse(f.time) : NaN;
  const base = {
    at: kubeAt ?? (Number.isNaN(parsedTime) ? null : parsedTime),
    level: f.level ?? 'info',
    line: raw.trim(),
  };
  const error = f.error ?? '';
  let m = PATTERNS.projectMissing.exec(f.msg);
  if (m)
    return { ...base, type: 'project-missing', kind: g(m[1]), name: g(m[2]), project: g(m[3]) };
  m = PATTERNS.createOrUpdate.exec(f.msg);
  if (m)
    return {
      ...base,
      type: m[1] === 'create' ? 'create-failed' : 'update-failed',
      kind: g(m[2]),
      name: g(m[3]),
      error,
    };
  m = PATTERNS.noService.exec(f.msg);
  if (m) return { ...base, type: 'no-service', kind: g(m[1]), error };
  m = PATTERNS.folder.exec(f.msg);
  if (m) return { ...base, type: 'file-error', folder: g(m[1]), ...fileCause(error), error };
  return null;
}

/** The file and kind a per-file cause names, where it names them. */
function fileCause(error: string): { file: string | null; kind: string | null } {
  let m = PATTERNS.notSupported.exec(error);
  if (m) return { kind: g(m[1]), file: g(m[2]) };
  m = PATTERNS.noKind.exec(error) ?? PATTERNS.empty.exec(error);
  if (m) return { kind: null, file: g(m[1]) };
  m = PATTERNS.extract.exec(error);
  if (m) return { kind: m[1] ?? null, file: null };
  return { kind: null, file: null };
}

/** The detail of a `cannot extract <Kind>, unmarshalling error: <detail>` cause, if it is one. */
export function extractDetail(error: string): string | null {
  const m = PATTERNS.extract.exec(error);
  return m ? error.slice(m[0].length) : null;
}

const SIDECAR_MSG = /^(Writing|Removing) (.+?)(?: \((?:ascii|binary|utf-8)\))?$/;

/** A file write or removal of a sidecar log line; null for any other line. */
export function parseSidecarLine(raw: string): SidecarEvent | null {
  const { at: kubeAt, rest } = kubeTime(raw.trim());
  const f = fieldsOf(rest);
  const m = f?.msg ? SIDECAR_MSG.exec(f.msg) : null;
  if (!m?.[2]) return null;
  const at = kubeAt ?? (f?.time ? Date.parse(f.time) : NaN);
  if (at === null || Number.isNaN(at)) return null;
  return { type: m[1] === 'Writing' ? 'written' : 'removed', at, path: m[2] };
}
