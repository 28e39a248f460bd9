import { useMemo } from 'react';
import type { DocFormat, Finding, ValidateResponse } from '@perses-cm/api';
import { CONFIGMAP_MAX_BYTES } from '@perses-cm/resources';
import { useValidation } from '../api/validate-resource.ts';
import { useDebounced } from './use-debounced.ts';
import { localFindings } from './local-findings.ts';
import { sizeFinding } from './document-size.ts';

export type PersesVerdict = ValidateResponse['perses'];

/**
 * Findings for the text being edited: parse errors and merge conflicts from the browser, then the
 * server's verdict (resource model lint and Perses, each of Perses's complaints on its line) after
 * a short pause in typing. A text over the ConfigMap limit is not sent: the size says why.
 */
export function useEditorFindings(
  text: string,
  format: DocFormat,
  bytes: number,
  storedText?: string,
  stored?: Finding[],
) {
  const debounced = useDebounced(text, 450);
  const tooLarge = bytes > CONFIGMAP_MAX_BYTES;
  const local = useMemo(() => localFindings(debounced, format), [debounced, format]);
  const unchanged = storedText !== undefined && debounced === storedText;
  const validation = useValidation(unchanged || tooLarge ? null : debounced, format);
  const data = validation.data;
  const perses: PersesVerdict | undefined = tooLarge
    ? { checked: false, skipped: `too large to send: ${sizeFinding(bytes)?.message ?? ''}` }
    : unchanged
      ? undefined
      : validation.error
        ? { checked: false, skipped: `the check failed: ${(validation.error as Error).message}` }
        : data?.perses;
  // A stable array: the editor re-applies markers only when the findings really change.
  const findings = useMemo(() => {
    const size = sizeFinding(bytes);
    if (size?.severity === 'error') return [size, ...local];
    const server = unchanged
      ? (stored ?? [])
      : [...(data?.findings ?? stored ?? []), ...(data?.perses.findings ?? [])];
    const key = (f: Finding) => `${f.line}:${f.column}:${f.message}`;
    const localKeys = new Set(local.map(key));
    return [...(size ? [size] : []), ...local, ...server.filter((f) => !localKeys.has(key(f)))];
  }, [bytes, local, unchanged, stored, data]);
  return {
    findings,
    perses,
    validating: !tooLarge && (validation.isFetching || debounced !== text),
  };
}
