// The settings API: the console's settings beside what runs, saving them, and relabel (a dry run,
// then the writes as an NDJSON progress stream read line by line).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  API,
  ConsoleSettings,
  CSRF_HEADER,
  ErrorBody,
  RelabelPlan,
  RelabelProgress,
  SettingsView,
  type RelabelRequest,
} from '@perses-cm/api';
import { ApiError, request } from '../../../lib/api-client.ts';

export const settingsKeys = { view: () => ['settings'] as const };

export function useSettings() {
  return useQuery({
    queryKey: settingsKeys.view(),
    queryFn: ({ signal }) => request(API.settings, SettingsView, { signal }),
    staleTime: 0,
  });
}

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (s: ConsoleSettings) =>
      request(API.settings, ConsoleSettings, { method: 'PUT', body: s }),
    onSuccess: () => void client.invalidateQueries({ queryKey: settingsKeys.view() }),
  });
}

export function relabelPlan(body: RelabelRequest): Promise<RelabelPlan> {
  return request(API.relabelPlan, RelabelPlan, { method: 'POST', body });
}

/** Runs the relabel, calling `onProgress` with each line as it arrives. */
export async function relabel(
  body: RelabelRequest,
  onProgress: (p: RelabelProgress) => void,
): Promise<void> {
  const res = await fetch(API.relabel, {
    method: 'POST',
    headers: { [CSRF_HEADER]: '1', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok || !res.body) {
    const env = ErrorBody.safeParse(await res.json().catch(() => null));
    throw env.success
      ? new ApiError(
          res.status,
          env.data.error.code,
          env.data.error.message,
          env.data.error.details,
        )
      : new ApiError(res.status, 'internal', `${res.status} ${res.statusText}`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line) onProgress(RelabelProgress.parse(JSON.parse(line)));
  }
}
