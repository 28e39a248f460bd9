// Rules Perses applies to the specs of the smaller kinds, when it decodes or creates them.

import type { Reporter } from './report.ts';
import { isRecord } from './resource-items.ts';

/** `{kind: ListVariable|TextVariable, spec}` of a Variable, GlobalVariable or dashboard variable. */
export function checkVariableSpec(
  report: Reporter,
  variable: unknown,
  pointer: (string | number)[],
): void {
  if (!isRecord(variable) || !isRecord(variable.spec)) return;
  const spec = variable.spec;
  const at = [...pointer, 'spec'];
  if (variable.kind === 'ListVariable') {
    if (
      typeof spec.customAllValue === 'string' &&
      spec.customAllValue !== '' &&
      spec.allowAllValue !== true
    )
      report.error(
        'invalid-variable',
        [...at, 'customAllValue'],
        'customAllValue is set but allowAllValue is not true',
      );
    if (
      Array.isArray(spec.defaultValue) &&
      spec.defaultValue.length > 1 &&
      spec.allowMultiple !== true
    )
      report.error(
        'invalid-variable',
        [...at, 'defaultValue'],
        'a list of default values needs allowMultiple: true',
      );
  }
  if (variable.kind === 'TextVariable' && spec.constant === true && (spec.value ?? '') === '')
    report.error(
      'invalid-variable',
      [...at, 'value'],
      'a constant text variable needs a non-empty value',
    );
}

export function checkUser(report: Reporter, spec: unknown): void {
  const s = isRecord(spec) ? spec : {};
  const native = isRecord(s.nativeProvider) ? s.nativeProvider : {};
  const password = typeof native.password === 'string' ? native.password : '';
  if (password === '')
    report.error(
      'user-without-password',
      ['spec', 'nativeProvider', 'password'],
      'spec.nativeProvider.password is empty: Perses refuses to create a user without a password',
    );
  if (password !== '' && Array.isArray(s.oauthProviders) && s.oauthProviders.length > 0)
    report.error(
      'invalid-user',
      ['spec', 'oauthProviders'],
      'nativeProvider and oauthProviders are mutually exclusive',
    );
}

export function checkSecret(report: Reporter, spec: unknown): void {
  if (!isRecord(spec)) return;
  const set = ['basicAuth', 'authorization', 'oauth'].filter(
    (k) => spec[k] !== undefined && spec[k] !== null,
  );
  if (set.length > 1)
    report.add(
      // v0.54.0 only refuses all three at once; two still make an ambiguous secret.
      set.length === 3 ? 'error' : 'warning',
      'secret-auth-exclusive',
      ['spec', set[1] ?? ''],
      `${set.join(' and ')} are mutually exclusive: use one of them`,
    );
}

export function checkFolder(report: Reporter, spec: unknown): void {
  if (!isRecord(spec) || !Array.isArray(spec.items)) return;
  const seen = new Set<string>();
  const walk = (items: unknown[], pointer: (string | number)[]) =>
    items.forEach((item, i) => {
      if (!isRecord(item)) return;
      const at = [...pointer, i];
      const kind = String(item.kind).toLowerCase();
      if (kind === 'dashboard' && typeof item.name === 'string') {
        if (seen.has(item.name))
          report.error(
            'duplicate-folder-item',
            [...at, 'name'],
            `dashboard "${item.name}" is listed twice in the folder`,
          );
        seen.add(item.name);
        if (Array.isArray(item.items) && item.items.length > 0)
          report.error('invalid-folder', [...at, 'items'], 'a Dashboard item cannot have items');
      }
      if (Array.isArray(item.items)) walk(item.items, [...at, 'items']);
    });
  walk(spec.items, ['spec', 'items']);
}

// Scopes a project Role may not grant (perses `role.IsGlobalScope`).
const GLOBAL_SCOPES = new Set([
  'GlobalDatasource',
  'GlobalRole',
  'GlobalRoleBinding',
  'GlobalSecret',
  'GlobalVariable',
  'User',
]);

export function checkRole(report: Reporter, spec: unknown): void {
  if (!isRecord(spec) || !Array.isArray(spec.permissions)) return;
  spec.permissions.forEach((permission, i) => {
    if (!isRecord(permission) || !Array.isArray(permission.scopes)) return;
    permission.scopes.forEach((scope, j) => {
      if (typeof scope === 'string' && GLOBAL_SCOPES.has(scope))
        report.error(
          'invalid-role-scope',
          ['spec', 'permissions', i, 'scopes', j],
          `scope "${scope}" is global and cannot be granted by a project Role; use a GlobalRole`,
        );
    });
  });
}
