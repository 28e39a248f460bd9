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

/** Server-side findings (resource model + Perses) for the text being edited; `text` is debounced by the caller. */
export function useValidation(text: string | null, format: DocFormat) {
  return useQuery({
    queryKey: resourceKeys.validation(text ?? '', format),
    queryFn: ({ signal }) => validateResource(text ?? '', format, signal),
    enabled: text !== null,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
    placeholderData: (prev) => prev,
  });
}
