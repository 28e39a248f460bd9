import type { Verb } from '@perses-cm/api';
import { useWhoAmI } from './get-whoami.ts';
import { permission, type Permission } from './capabilities.ts';

export function usePermission(verb: Verb, namespace: string | null): Permission {
  const { data, error } = useWhoAmI();
  if (error) return { allowed: false, reason: `Permissions unknown: ${error.message}` };
  return permission(data, verb, namespace);
}
