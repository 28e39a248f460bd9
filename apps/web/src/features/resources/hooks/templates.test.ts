import { describe, expect, it } from 'vitest';
import { hasErrors, validateResource } from '@perses-cm/resources';
import { TEMPLATES } from './templates.ts';

describe('create templates', () => {
  it.each(TEMPLATES.map((t) => [t.kind, t] as const))(
    'the %s template is a valid resource as created',
    (kind, template) => {
      const doc = template.build('demo');
      const findings = validateResource(doc);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(hasErrors(findings)).toBe(false);
      expect((doc as { kind: string }).kind).toBe(kind);
    },
  );
});
