// Label keys, values and namespace names checked against Kubernetes' own rules, so a user value
// can never widen a label selector (`a=b,c!=d`, `in (...)`) or reach a URL unescaped.
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const NAME_63 = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function checkLabelKey(key: string): string | null {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : null;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== null && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `label key prefix "${prefix}" must be a DNS subdomain (lower-case letters, digits, "-", ".")`;
  }
  if (name.length === 0 || name.length > 63 || !NAME_63.test(name)) {
    return 'label key name must be 1-63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit';
  }
  return null;
}

export function checkLabelValue(value: string): string | null {
  if (value === '') return null;
  if (value.length > 63 || !NAME_63.test(value)) {
    return 'label value must be at most 63 characters of letters, digits, "-", "_", ".", starting and ending with a letter or digit';
  }
  return null;
}

export function checkNamespace(ns: string): string | null {
  if (ns.length > 63 || !DNS_LABEL.test(ns)) {
    return `"${ns.slice(0, 80)}" is not a valid namespace (lower-case letters, digits and "-", at most 63)`;
  }
  return null;
}

/** Parses `KEY=VALUE` or `KEY` (any value), as the sidecar's LABEL and LABEL_VALUE. */
export function parseLabelSelector(text: string): Checked<{ key: string; value?: string }> {
  const eq = text.indexOf('=');
  const key = eq >= 0 ? text.slice(0, eq) : text;
  const value = eq >= 0 ? text.slice(eq + 1) : undefined;
  const keyError = checkLabelKey(key);
  if (keyError) return { ok: false, error: keyError };
  if (value !== undefined) {
    const valueError = checkLabelValue(value);
    if (valueError) return { ok: false, error: valueError };
    return { ok: true, value: { key, value } };
  }
  return { ok: true, value: { key } };
}

export function parseNamespaceList(text: string): Checked<string[]> {
  const list = [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (list.length === 0) return { ok: false, error: 'no namespace given' };
  for (const ns of list) {
    const error = checkNamespace(ns);
    if (error) return { ok: false, error };
  }
  return { ok: true, value: list };
}

/** The selector string sent to the API server; inputs were checked above. */
export function labelSelectorString(label: { key: string; value?: string }): string {
  return label.value === undefined ? label.key : `${label.key}=${label.value}`;
}

/** The selector of ConfigMaps the sidecar skips: without the key, or (with a value) another value. */
export function unlabeledSelectorString(label: { key: string; value?: string }): string {
  return label.value === undefined ? `!${label.key}` : `${label.key}!=${label.value}`;
}

/** Whether labels match the selector, as the API server and the sidecar decide it. */
export function matchesLabel(
  labels: Record<string, string> | undefined,
  label: { key: string; value?: string },
): boolean {
  const value = labels?.[label.key];
  return value !== undefined && (label.value === undefined || value === label.value);
}
