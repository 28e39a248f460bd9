// The audit trail of direct writes to Perses: one JSON line per write on the server's standard
// output (where the platform's log collection picks it up), saying who wrote what and what Perses
// answered.
import type { ApplyOutcome } from '@perses-cm/api';
import type { Identity } from '../../domain/identity.ts';

export interface AuditEntry {
  who: Identity;
  action: 'create' | 'update' | 'delete';
  resource: { kind: string; project: string | null; name: string };
  result: ApplyOutcome;
}

export type AuditSink = (line: string) => void;

export function auditLine(e: AuditEntry, at: Date): string {
  return JSON.stringify({
    audit: 'perses-direct-write',
    time: at.toISOString(),
    user: e.who.name,
    action: e.action,
    kind: e.resource.kind,
    project: e.resource.project,
    name: e.resource.name,
    outcome: e.result.outcome,
    projectApplied: e.result.projectApplied,
    message: e.result.message,
  });
}
