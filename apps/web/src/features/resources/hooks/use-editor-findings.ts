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
  // A stable array: the editor re-applies markers only when the findings really change.
  const serverFindings = validation.data?.findings;
  const findings = useMemo(() => {
    const server = unchanged ? (stored ?? []) : (serverFindings ?? stored ?? []);
    const localKeys = new Set(local.map((f) => `${f.line}:${f.column}:${f.message}`));
    return [
      ...local,
      ...server.filter((f) => !localKeys.has(`${f.line}:${f.column}:${f.message}`)),
    ];
  }, [local, unchanged, stored, serverFindings]);
  return {
    findings,
    perses: unchanged ? undefined : validation.data?.perses,
    validating: validation.isFetching || debounced !== text,
    validationError: validation.error,
  };
}
