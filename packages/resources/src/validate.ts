// Validation of one resource as Perses provisioning would treat it: the envelope, the kind's
// schema, name rules, then the kind's own rules. The document is only read, never changed.

import type { Finding } from './findings.ts';
import { KINDS, NON_PROVISIONABLE_KINDS, kindInfo, kindWithCaseFixed } from './kinds.ts';
import { persesNameProblem, variableNameProblem } from './names.ts';
import { Reporter, type ValidateContext } from './report.ts';
import { isRecord } from './resource-items.ts';
import { RESOURCE_SCHEMAS } from './schemas/resources.ts';
import { checkDashboard } from './validate-dashboard.ts';
import {
  checkFolder,
  checkRole,
  checkSecret,
  checkUser,
  checkVariableSpec,
} from './validate-specs.ts';

export type { ValidateContext };

const CUSTOM_CHECKED = new Set(['metadata.name', 'metadata.project']);

function checkKind(report: Reporter, doc: Record<string, unknown>): boolean {
  const kind = doc.kind;
  if (kind === undefined) {
    report.error('missing-kind', [], 'has no "kind" field: Perses refuses the whole file');
    return false;
  }
  if (typeof kind !== 'string') {
    report.error(
      'unknown-kind',
      ['kind'],
      '"kind" must be a string: Perses refuses the whole file',
    );
    return false;
  }
  const notProvisionable = NON_PROVISIONABLE_KINDS[kind];
  if (notProvisionable !== undefined) {
    report.error('not-provisionable', ['kind'], notProvisionable);
    return false;
  }
  if (kindInfo(kind)) return true;
  const fixed = kindWithCaseFixed(kind);
  if (fixed !== undefined) {
    report.error(
      'wrong-case-kind',
      ['kind'],
      `kind "${kind}" must be spelled "${fixed}": Perses matches kinds case-sensitively when it reads files and refuses the whole file`,
    );
  } else {
    report.error(
      'unknown-kind',
      ['kind'],
      `kind "${kind}" is not a Perses kind (expected one of ${KINDS.map((k) => k.kind).join(', ')}): Perses refuses the whole file`,
    );
  }
  return false;
}

function checkNames(
  report: Reporter,
  doc: Record<string, unknown>,
  scope: 'project' | 'global',
): void {
  const metadata = isRecord(doc.metadata) ? doc.metadata : undefined;
  if (!metadata) return; // the schema reports a missing metadata
  const name = metadata.name;
  if (typeof name !== 'string')
    report.error('invalid-name', ['metadata', 'name'], 'metadata.name is missing or not a string');
  else {
    const problem = persesNameProblem(name);
    if (problem)
      report.error('invalid-name', ['metadata', 'name'], `metadata.name "${name}" ${problem}`);
  }
  const project = metadata.project;
  if (scope === 'project') {
    if (project === undefined || project === null || project === '')
      report.error(
        'empty-project',
        ['metadata', 'project'],
        `metadata.project is empty: a ${String(doc.kind)} belongs to a project, and Perses would store it under no project where nobody sees it`,
      );
    else if (typeof project !== 'string')
      report.error('invalid-name', ['metadata', 'project'], 'metadata.project must be a string');
    else {
      const problem = persesNameProblem(project);
      if (problem)
        report.error(
          'invalid-name',
          ['metadata', 'project'],
          `metadata.project "${project}" ${problem}`,
        );
    }
  } else if (project !== undefined) {
    report.warn(
      'ignored-project',
      ['metadata', 'project'],
      `metadata.project is ignored: ${String(doc.kind)} is a global kind`,
    );
  }
}

function checkSchema(
  report: Reporter,
  doc: Record<string, unknown>,
  kind: keyof typeof RESOURCE_SCHEMAS,
) {
  const result = RESOURCE_SCHEMAS[kind].safeParse(doc);
  if (result.success) return;
  for (const issue of result.error.issues) {
    const pointer = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const field = pointer.join('.');
    if (CUSTOM_CHECKED.has(field)) continue;
    const last = pointer[pointer.length - 1];
    const rule =
      last === 'duration' || last === 'refreshInterval' ? 'invalid-duration' : 'invalid-field';
    const value = pointer.reduce<unknown>(
      (v, p) => (isRecord(v) || Array.isArray(v) ? (v as Record<string, unknown>)[p] : undefined),
      doc,
    );
    const shown = typeof value === 'string' ? ` "${value}"` : '';
    report.error(
      rule,
      pointer,
      `${field || 'resource'}${shown} ${issue.message.replace(/^Invalid input: /, '')}`,
    );
  }
}

export function validateResource(doc: unknown, ctx: ValidateContext = {}): Finding[] {
  const report = new Reporter(doc, ctx);
  if (!isRecord(doc)) {
    report.error('not-an-object', [], 'is not an object: Perses refuses the whole file');
    return report.findings;
  }
  if (!checkKind(report, doc)) return report.findings;
  const info = kindInfo(doc.kind as string);
  if (!info) return report.findings;
  checkSchema(report, doc, info.kind);
  checkNames(report, doc, info.scope);
  const spec = doc.spec;
  switch (info.kind) {
    case 'Dashboard':
      if (isRecord(spec) && Object.keys(spec).length === 0)
        report.error('invalid-field', ['spec'], 'spec cannot be empty');
      checkDashboard(report, spec);
      break;
    case 'Variable':
    case 'GlobalVariable': {
      const name = isRecord(doc.metadata) ? doc.metadata.name : undefined;
      const problem =
        typeof name === 'string' && !persesNameProblem(name)
          ? variableNameProblem(name)
          : undefined;
      if (problem)
        report.add(
          problem.severity,
          'invalid-variable-name',
          ['metadata', 'name'],
          `variable name "${String(name)}" ${problem.reason}`,
        );
      checkVariableSpec(report, spec, ['spec']);
      break;
    }
    case 'User':
      checkUser(report, spec);
      break;
    case 'Secret':
    case 'GlobalSecret':
      checkSecret(report, spec);
      break;
    case 'Folder':
      checkFolder(report, spec);
      break;
    case 'Role':
      checkRole(report, spec);
      break;
    default:
      break;
  }
  return report.findings;
}
