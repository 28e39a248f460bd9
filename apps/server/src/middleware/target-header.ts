// Names the active target on every API response. Values are percent-encoded, so nothing from a
// path or a kubeconfig (CR, LF, non-Latin-1) can split or break the header.
import type { RequestHandler } from 'express';
import { TARGET_HEADER, type Target } from '@perses-cm/api';

export function describeTarget(target: Target): string {
  const enc = (v: string) => encodeURIComponent(v);
  if (target.type === 'directory') return `directory; path=${enc(target.path)}`;
  const ns = target.namespaces === 'all' ? 'all' : target.namespaces.map(enc).join(',');
  const ctx = target.context ? `; context=${enc(target.context)}` : '';
  return `kubernetes; cluster=${enc(target.cluster)}${ctx}; namespaces=${ns}`;
}

export function targetHeader(target: Target): RequestHandler {
  const value = describeTarget(target);
  return (_req, res, next) => {
    res.setHeader(TARGET_HEADER, value);
    next();
  };
}
