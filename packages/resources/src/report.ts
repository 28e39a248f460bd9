// Builds findings for one resource: positions from the parsed text, the resource's identity in
// every finding, and messages that start with the resource they are about.

import { fieldOf, type Finding, type Severity } from './findings.ts';
import type { ParsedText } from './parse.ts';
import { isRecord } from './resource-items.ts';

export interface ValidateContext {
  path?: string;
  locate?: ParsedText['locate'];
  /** Where the resource sits in its document (`[i]` inside a top-level list). */
  pointer?: (string | number)[];
  docIndex?: number;
}

export class Reporter {
  readonly findings: Finding[] = [];
  private readonly who: Pick<Finding, 'kind' | 'project' | 'name'> = {};
  readonly label: string;

  constructor(
    doc: unknown,
    private readonly ctx: ValidateContext = {},
  ) {
    const kind = isRecord(doc) && typeof doc.kind === 'string' ? doc.kind : undefined;
    const metadata = isRecord(doc) && isRecord(doc.metadata) ? doc.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : undefined;
    const project = typeof metadata.project === 'string' ? metadata.project : undefined;
    if (kind !== undefined) this.who.kind = kind;
    if (name !== undefined) this.who.name = name;
    if (project !== undefined) this.who.project = project;
    const shown = `${project !== undefined && project !== '' ? `${project}/` : ''}${name ?? '(no name)'}`;
    this.label = `${kind ?? 'resource'} "${shown}"`;
  }

  add(severity: Severity, rule: string, pointer: (string | number)[], message: string): void {
    const full = [...(this.ctx.pointer ?? []), ...pointer];
    const pos = this.ctx.locate?.(full, this.ctx.docIndex);
    this.findings.push({
      ...(this.ctx.path !== undefined ? { path: this.ctx.path } : {}),
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      severity,
      rule,
      message: `${this.label}: ${message}`,
      ...this.who,
      ...(pointer.length > 0 ? { field: fieldOf(pointer) } : {}),
    });
  }

  error(rule: string, pointer: (string | number)[], message: string): void {
    this.add('error', rule, pointer, message);
  }

  warn(rule: string, pointer: (string | number)[], message: string): void {
    this.add('warning', rule, pointer, message);
  }
}
