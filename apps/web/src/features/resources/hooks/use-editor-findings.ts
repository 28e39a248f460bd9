import { useMemo } from 'react';
import type { DocFormat, Finding } from '@perses-cm/api';
import { parseText } from '@perses-cm/resources';
import { useValidation } from '../api/validate-resource.ts';
import { useDebounced } from './use-debounced.ts';

/**
 * Findings for the text being edited: parse errors at once (in the browser), then the server's
 * verdict (resource model lint and Perses) after a short pause in typing.
 */
export function useEditorFindings(
  text: string,
  format: DocFormat,
  storedText?: string,
  stored?: Finding[],
) {
  const debounced = useDebounced(text, 450);
  // JSON syntax errors come from Monaco's own JSON service; YAML has none, so parse here.
  const local = useMemo(() => {
    if (format !== 'yaml') return [];
    try {
      return parseText(text, { format }).findings.filter(
        (f) => f.rule.startsWith('parse') || f.severity === 'error',
      );
    } catch {
      return [];
    }
  }, [text, format]);
  const unchanged = storedText !== undefined && debounced === storedText;
  const validation = useValidation(unchanged ? null : debounced, format);
  const server = unchanged ? (stored ?? []) : (validation.data?.findings ?? stored ?? []);
  const localKeys = new Set(local.map((f) => `${f.line}:${f.column}:${f.message}`));
  const findings = [
    ...local,
    ...server.filter((f) => !localKeys.has(`${f.line}:${f.column}:${f.message}`)),
  ];
  return {
    findings,
    perses: unchanged ? undefined : validation.data?.perses,
    validating: validation.isFetching || debounced !== text,
    validationError: validation.error,
  };
}
