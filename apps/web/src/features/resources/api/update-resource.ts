import { useMutation, useQueryClient } from '@tanstack/react-query';
import { API, ResourceDetail, type DocFormat, type ListResourcesResponse } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { toSummary } from './create-resource.ts';
import { resourceKeys } from './keys.ts';

export interface UpdateInput {
  id: string;
  text: string;
  format: DocFormat;
  /** The version the edit started from; a stale one is answered with 409 and ConflictDetails. */
  version: string;
  /** Also write it through the Perses API; the answer's `applied` says what Perses did. */
  applyNow?: boolean;
}

export function updateResource({ id, text, format, version, applyNow }: UpdateInput) {
  return request(API.resource(id), ResourceDetail, {
    method: 'PUT',
    body: { text, format, version, ...(applyNow ? { applyNow } : {}) },
  });
}

/** Saves a resource. Replaces its detail entry and its row in the list; a 409 is left to the caller. */
export function useUpdateResource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateResource,
    meta: { action: 'Save', handledCodes: ['conflict', 'validation_failed'] },
    onSuccess: (saved, input) => {
      qc.setQueryData(resourceKeys.detail(input.id), saved);
      qc.setQueryData<ListResourcesResponse>(resourceKeys.list(), (old) =>
        old
          ? {
              ...old,
              items: old.items.map((i) => (i.id === input.id ? toSummary(saved) : i)),
            }
          : old,
      );
    },
  });
}
