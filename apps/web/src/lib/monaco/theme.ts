import { effectiveTheme, onThemeChange } from '../theme.ts';
import { monaco } from './monaco.ts';

// Monaco follows the console's theme (the user's choice or the system's), on its own surfaces.
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
  const apply = () =>
    monaco.editor.setTheme(effectiveTheme() === 'dark' ? 'perses-cm-dark' : 'perses-cm-light');
  apply();
  onThemeChange(apply);
}
