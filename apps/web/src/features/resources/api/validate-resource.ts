import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { API, ValidateResponse, type DocFormat } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { resourceKeys } from './keys.ts';

export function validateResource(text: string, format: DocFormat, signal?: AbortSignal) {
  return request(API.validate, ValidateResponse, {
    method: 'POST',
    body: { text, format },
    signal,
  });
}

/**
 * Server-side findings (resource model + Perses) for the text being edited; `text` is debounced by
 * the caller. The query is keyed by a digest of the text: the query cache hashes its keys on every
 * render, which for a 1 MB text would cost milliseconds per keystroke.
 */
export function useValidation(text: string | null, format: DocFormat) {
  const digest = useMemo(() => textDigest(text ?? ''), [text]);
  return useQuery({
    queryKey: resourceKeys.validation(digest, format),
    queryFn: ({ signal }) => validateResource(text ?? '', format, signal),
    enabled: text !== null,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
    placeholderData: (prev) => prev,
  });
}

/** Length and two FNV-1a hashes of the text: distinct texts never share a key in practice. */
export function textDigest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}
