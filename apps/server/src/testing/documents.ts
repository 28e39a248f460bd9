// Test helper: documents of exact sizes and simple valid resources.
export const project = (name: string, display = name) => ({
  kind: 'Project',
  metadata: { name },
  spec: { display: { name: display } },
});

export const projectText = (name: string, display = name) =>
  `${JSON.stringify(project(name, display), null, 2)}\n`;

/** A Project document of exactly `bytes` UTF-8 bytes, padded with multi-byte characters. */
export function projectOfBytes(name: string, bytes: number): string {
  const head = `{"kind":"Project","metadata":{"name":"${name}"},"spec":{"display":{"name":"`;
  const tail = '"}}}';
  const fill = bytes - Buffer.byteLength(head + tail, 'utf8');
  const text = `${head}${'é'.repeat(Math.floor(fill / 2))}${'x'.repeat(fill % 2)}${tail}`;
  if (Buffer.byteLength(text, 'utf8') !== bytes) throw new Error('size arithmetic is wrong');
  return text;
}
