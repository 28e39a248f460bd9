import { useEffect, useState } from 'react';
import { utf8Length } from '@perses-cm/resources';

// Counting a 1 MB text takes about a millisecond; once per pause in typing is live enough.
const SETTLE_MS = 120;

/** The text's size in UTF-8 bytes (what a ConfigMap counts), shortly after typing pauses. */
export function useDocumentBytes(text: string): number {
  const [bytes, setBytes] = useState(() => utf8Length(text));
  useEffect(() => {
    const t = window.setTimeout(() => setBytes(utf8Length(text)), SETTLE_MS);
    return () => window.clearTimeout(t);
  }, [text]);
  return bytes;
}
