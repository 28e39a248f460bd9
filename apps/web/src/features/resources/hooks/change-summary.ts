/**
 * True when two texts differ only in whitespace (indentation, line breaks, trailing spaces), e.g.
 * after Format. The review diff shows such changes too (in YAML indentation is structure), and says
 * that this is all that changed.
 */
export function onlyWhitespaceChanged(before: string, after: string): boolean {
  return before !== after && before.replace(/\s+/g, '') === after.replace(/\s+/g, '');
}
