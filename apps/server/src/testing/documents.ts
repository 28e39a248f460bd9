// Test helper: documents of exact sizes and simple valid resources.
export const project = (name: string, display = name) => ({
  kind: 'Project',
  metadata: { name },
  spec: { display: { name: display } },
});

export const projectText = (name: string, display = name) =>
  `${JSON.stringify(project(name, display), null, 2)}\n`;

/**
 * A Project document of exactly `bytes` UTF-8 bytes, padded with `fill`: a 2-byte character by
 * default, or ASCII (the worst case for `\uXXXX` escapes: 6 bytes sent per byte stored).
 */
export function projectOfBytes(name: string, bytes: number, fill: 'é' | 'x' = 'é'): string {
  const head = `{"kind":"Project","metadata":{"name":"${name}"},"spec":{"display":{"name":"`;
  const tail = '"}}}';
  const room = bytes - Buffer.byteLength(head + tail, 'utf8');
  const width = Buffer.byteLength(fill, 'utf8');
  const text = `${head}${fill.repeat(Math.floor(room / width))}${'x'.repeat(room % width)}${tail}`;
  if (Buffer.byteLength(text, 'utf8') !== bytes) throw new Error('size arithmetic is wrong');
  return text;
}

/** A JSON string literal with every character as `\uXXXX`, as an ASCII-only encoder may send it. */
export function escapedJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++)
    out += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return `${out}"`;
}
