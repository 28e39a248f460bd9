import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  API,
  ResourceDetail,
  type CreateResourceRequest,
  type ListResourcesResponse,
} from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { resourceKeys } from './keys.ts';

export function createResource(body: CreateResourceRequest): Promise<ResourceDetail> {
  return request(API.resources, ResourceDetail, { method: 'POST', body });
}

/** Creates a resource; seeds its detail entry and adds it to the list without a refetch. */
export function useCreateResource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createResource,
    meta: { action: 'Create' },
    onSuccess: (created) => {
      qc.setQueryData(resourceKeys.detail(created.id), created);
      qc.setQueryData<ListResourcesResponse>(resourceKeys.list(), (old) =>
        old && !old.items.some((i) => i.id === created.id)
          ? { ...old, items: [...old.items, toSummary(created)] }
          : old,
      );
    },
  });
}

export function toSummary(d: ResourceDetail) {
  const { text: _t, document: _d, origin: _o, findingList: _f, ...summary } = d;
  return summary;
}
