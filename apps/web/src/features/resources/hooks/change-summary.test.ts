import { describe, expect, it } from 'vitest';
import { onlyWhitespaceChanged } from './change-summary.ts';

describe('onlyWhitespaceChanged', () => {
  it('is true for re-indentation, line breaks and trailing spaces only', () => {
    const before = 'spec:\n    panels:\n        "0_0":\n            kind: Panel\n';
    const after = 'spec:\n  panels:\n    "0_0":\n      kind: Panel\n';
    expect(onlyWhitespaceChanged(before, after)).toBe(true);
    expect(onlyWhitespaceChanged('{"a": 1}', '{\n  "a": 1\n}\n')).toBe(true);
  });

  it('is false when nothing changed or when a character other than whitespace changed', () => {
    expect(onlyWhitespaceChanged('a: 1\n', 'a: 1\n')).toBe(false);
    expect(onlyWhitespaceChanged('"0_0": 1\n', '0_0: 1\n')).toBe(false);
    expect(onlyWhitespaceChanged('a: 1\n', 'a: 2\n')).toBe(false);
  });
});
