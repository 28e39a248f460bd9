import { monaco } from './monaco.ts';

// Monaco follows the system theme like the rest of the console.
const media = window.matchMedia?.('(prefers-color-scheme: dark)');
let installed = false;

export function followSystemTheme() {
  if (installed) return;
  installed = true;
  const apply = () => monaco.editor.setTheme(media?.matches ? 'vs-dark' : 'vs');
  apply();
  media?.addEventListener('change', apply);
}
