// Name rules of Perses and of Kubernetes. Each check returns the reason a name is refused (words a
// user can act on), or undefined when the name is fine.

import { utf8Length } from './bytes.ts';

export const PERSES_NAME_MAX_BYTES = 75;
export const PERSES_NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;

/**
 * Perses `metadata.name`, `metadata.project` and dashboard panel keys: 1–75 bytes of
 * `[a-zA-Z0-9_.-]`. v0.54.0 checks only that; its main branch also refuses `..` and a leading
 * or trailing `.`, which would escape or hide files in the file database, so we refuse them too.
 */
export function persesNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (utf8Length(name) > PERSES_NAME_MAX_BYTES)
    return `is longer than ${PERSES_NAME_MAX_BYTES} characters`;
  if (!PERSES_NAME_PATTERN.test(name)) return 'may only contain letters, digits, "_", "." and "-"';
  if (name.includes('..')) return 'must not contain ".."';
  if (name.startsWith('.') || name.endsWith('.')) return 'must not start or end with "."';
  return undefined;
}

export interface VariableNameProblem {
  severity: 'error' | 'warning';
  reason: string;
}

/**
 * Variable names (project/global Variable names and dashboard variable names). Perses v0.54.0
 * checks `^\w*?[^0-9]\w*$` and refuses a leading `__` (built-in variables). That regex is meant as
 * "not only digits" but lets exactly one other character through (`my-var`): Perses accepts such a
 * name, yet `$my-var` can never be referenced because variable syntax is `$\w+`, so we warn.
 */
export function variableNameProblem(name: string): VariableNameProblem | undefined {
  if (name.length === 0) return { severity: 'error', reason: 'must not be empty' };
  if (/^[0-9]+$/.test(name))
    return {
      severity: 'error',
      reason: 'must not be only digits ($1 would clash with regex groups)',
    };
  if (!/^\w*?[^0-9]\w*$/.test(name))
    return { severity: 'error', reason: 'may only contain letters, digits and "_"' };
  if (name.startsWith('__'))
    return {
      severity: 'error',
      reason: 'must not start with "__" (reserved for built-in variables)',
    };
  if (!/^\w+$/.test(name))
    return {
      severity: 'warning',
      reason:
        'should only contain letters, digits and "_": Perses accepts it, but "$name" references stop at the first other character',
    };
  return undefined;
}

export const DNS1123_SUBDOMAIN_MAX = 253;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kubernetes object names such as ConfigMap names (DNS-1123 subdomain). */
export function dns1123SubdomainProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > DNS1123_SUBDOMAIN_MAX)
    return `is longer than ${DNS1123_SUBDOMAIN_MAX} characters`;
  if (/[A-Z]/.test(name)) return 'must be lower case';
  if (/[-.]$/.test(name))
    return 'must end with a letter or digit (it ends with "' + name.slice(-1) + '")';
  if (/^[-.]/.test(name)) return 'must start with a letter or digit';
  if (!DNS1123_SUBDOMAIN.test(name))
    return 'may only contain lower-case letters, digits, "-" and ".", with a letter or digit around each "."';
  return undefined;
}

export const CONFIGMAP_KEY_MAX = 253;

/** ConfigMap data keys: `[-._a-zA-Z0-9]+`, ≤253, not `.`, `..` or starting with `..`. */
export function configMapKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'must not be empty';
  if (key.length > CONFIGMAP_KEY_MAX) return `is longer than ${CONFIGMAP_KEY_MAX} characters`;
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) return 'may only contain letters, digits, "-", "_" and "."';
  if (key === '.' || key === '..' || key.startsWith('..'))
    return 'must not be "." or start with ".."';
  return undefined;
}
