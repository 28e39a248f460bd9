// What Perses takes out of one parsed file: a top-level object, or a top-level list of objects.
// Anything else fails the whole file in Perses (`unable to read file, format invalid`).

import type { Finding } from './findings.ts';
import type { ParsedText } from './parse.ts';

export interface ResourceItem {
  value: unknown;
  docIndex: number;
  /** Pointer of the item inside its document: `[]` for a single object, `[i]` in a list. */
  pointer: (string | number)[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function resourceItems(
  parsed: ParsedText,
  path?: string,
): { items: ResourceItem[]; findings: Finding[] } {
  const items: ResourceItem[] = [];
  const findings: Finding[] = [];
  const where = (pointer: (string | number)[], docIndex: number) => {
    const pos = parsed.locate(pointer, docIndex);
    return { ...(path !== undefined ? { path } : {}), ...(pos ?? {}) };
  };
  const failedToParse = parsed.findings.some((f) => f.severity === 'error');
  if (parsed.documents.length === 0 && !failedToParse) {
    findings.push({
      ...where([], 0),
      severity: 'error',
      rule: 'empty-file',
      message: 'file holds no resource: Perses refuses it ("data is empty")',
    });
  }
  parsed.documents.forEach((doc, docIndex) => {
    if (doc === undefined && failedToParse) return; // already reported by the parser
    if (doc === null || doc === undefined || (Array.isArray(doc) && doc.length === 0)) {
      findings.push({
        ...where([], docIndex),
        severity: 'error',
        rule: 'empty-file',
        message: 'document holds no resource: Perses refuses the file ("data is empty")',
      });
      return;
    }
    const list = Array.isArray(doc) ? doc : [doc];
    list.forEach((value, i) => {
      const pointer = Array.isArray(doc) ? [i] : [];
      if (!isRecord(value)) {
        findings.push({
          ...where(pointer, docIndex),
          severity: 'error',
          rule: 'not-an-object',
          message: `${Array.isArray(doc) ? `item ${i}` : 'document'} is ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'null' : `a ${typeof value}`}, not a resource object: Perses refuses the whole file`,
        });
        return;
      }
      items.push({ value, docIndex, pointer });
    });
  });
  return { items, findings };
}
