import { monaco } from './monaco.ts';

// Monaco follows the system theme like the rest of the console, on the console's own surfaces.
const media = window.matchMedia?.('(prefers-color-scheme: dark)');
let installed = false;

export function followSystemTheme() {
  if (installed) return;
  installed = true;
  monaco.editor.defineTheme('perses-cm-light', {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff' },
  });
  monaco.editor.defineTheme('perses-cm-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#161b22',
      'editorGutter.background': '#161b22',
      'editor.lineHighlightBackground': '#1c222b',
    },
  });
  const apply = () => monaco.editor.setTheme(media?.matches ? 'perses-cm-dark' : 'perses-cm-light');
  apply();
  media?.addEventListener('change', apply);
}
