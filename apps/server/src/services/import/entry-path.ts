// Whether a path named inside an archive (or found in a folder) may be read as a file of the
// import: relative, inside the archive, printable. Nothing is ever written at these paths; the
// check still refuses what an unpacking tool would write outside its folder, so the preview
// says plainly which entries are hostile.

export type PathCheck = { ok: true; path: string } | { ok: false; path: string; reason: string };

// C0 and C1 controls and DEL: no file name needs them, and they can hide a path in a terminal.
// eslint-disable-next-line no-control-regex -- the point is to match control characters
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The path with `\` read as a separator (as Windows tools unpack it) and `./` segments dropped. */
function segmentsOf(raw: string): string[] {
  return raw.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
}

export function checkEntryPath(raw: string): PathCheck {
  const shown = raw.replace(CONTROL, '?').slice(0, 300);
  if (raw === '') return { ok: false, path: shown, reason: 'the entry has no name' };
  if (CONTROL.test(raw))
    return { ok: false, path: shown, reason: 'the name holds control characters' };
  if (/^[\\/]/.test(raw) || /^[a-zA-Z]:/.test(raw))
    return {
      ok: false,
      path: shown,
      reason: 'absolute path: an entry must be relative to the archive',
    };
  const segments = segmentsOf(raw);
  if (segments.includes('..'))
    return {
      ok: false,
      path: shown,
      reason: 'path traversal: ".." would leave the archive\'s folder',
    };
  if (segments.length === 0) return { ok: false, path: shown, reason: 'the entry has no name' };
  return { ok: true, path: segments.join('/') };
}
