import type { Verb, WhoAmIResponse } from '@perses-cm/api';

export interface Permission {
  allowed: boolean;
  /** Why not, in words, for a tooltip and the disabled button's description. */
  reason?: string;
}

/**
 * Whether `verb` is allowed in `namespace`. A directory target has no namespaces: the
 * capability without a namespace (or the first one) applies. Unknown means "not yet known".
 */
export function permission(
  who: WhoAmIResponse | undefined,
  verb: Verb,
  namespace: string | null,
): Permission {
  if (!who) return { allowed: false, reason: 'Checking permissions…' };
  const caps = who.capabilities;
  const cap =
    namespace === null
      ? (caps.find((c) => c.namespace === '' || c.namespace === '*') ?? caps[0])
      : (caps.find((c) => c.namespace === namespace) ?? caps.find((c) => c.namespace === '*'));
  if (!cap) {
    if (who.target.type === 'directory') return { allowed: true };
    return {
      allowed: false,
      reason: `No permissions reported for namespace "${namespace ?? ''}".`,
    };
  }
  if (cap.allowed[verb]) return { allowed: true };
  return {
    allowed: false,
    reason:
      cap.reasons[verb] ??
      `${who.identity.name} may not ${verb} ConfigMaps in namespace "${cap.namespace}".`,
  };
}

/**
 * Whether `verb` is allowed in at least one namespace: what acting on something that belongs to
 * no ConfigMap needs (e.g. deleting an orphan from Perses, which the server allows to whoever may
 * delete ConfigMaps somewhere it watches).
 */
export function permissionSomewhere(who: WhoAmIResponse | undefined, verb: Verb): Permission {
  if (!who) return { allowed: false, reason: 'Checking permissions…' };
  if (who.capabilities.some((c) => c.allowed[verb])) return { allowed: true };
  if (who.target.type === 'directory' && who.capabilities.length === 0) return { allowed: true };
  return {
    allowed: false,
    reason: `${who.identity.name} may not ${verb} ConfigMaps in any namespace the console watches`,
  };
}

/** Namespaces where the identity may create resources, for the create form. */
export function creatableNamespaces(who: WhoAmIResponse | undefined): string[] {
  if (!who) return [];
  return who.capabilities
    .filter((c) => c.allowed.create && c.namespace !== '' && c.namespace !== '*')
    .map((c) => c.namespace);
}
