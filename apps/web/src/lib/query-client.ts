// One QueryClient for the app. Failed mutations raise a toast here, in one place, unless the
// mutation handles that error itself (meta.handledCodes, e.g. a 409 shown as a conflict view).
import { MutationCache, QueryClient } from '@tanstack/react-query';
import { showToast } from './toast-store.ts';
import { ApiError } from './api-client.ts';
import { sessionKeys } from './session/get-whoami.ts';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { action?: string; handledCodes?: string[] };
  }
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) => {
        // Refused by Kubernetes RBAC: what the identity may do changed, and the actions it may
        // no longer take show disabled, with the reason, once whoami is read again.
        if (err instanceof ApiError && err.status === 403)
          void client.invalidateQueries({ queryKey: sessionKeys.whoami() });
        const meta = mutation.options.meta;
        if (err instanceof ApiError && meta?.handledCodes?.includes(err.code)) return;
        const field = err instanceof ApiError ? err.fields[0] : undefined;
        showToast({
          tone: 'error',
          title: meta?.action ? `${meta.action} failed` : 'Request failed',
          message: field ? `${err.message} (${field.field}: ${field.message})` : err.message,
        });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) =>
          count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      },
    },
  });
  return client;
}
