// The console's theme: the user's choice (system, light or dark), kept in local storage, applied
// as <html data-theme> (the CSS reads it) and told to Monaco. "System" follows the OS live.
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'perses-cm:theme';
const media =
  typeof window !== 'undefined' ? window.matchMedia?.('(prefers-color-scheme: dark)') : undefined;
const listeners = new Set<() => void>();

export function themeChoice(): ThemeChoice {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function effectiveTheme(choice: ThemeChoice = themeChoice()): Theme {
  if (choice !== 'system') return choice;
  return media?.matches ? 'dark' : 'light';
}

function apply() {
  const theme = effectiveTheme();
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
  for (const l of listeners) l();
}

export function setThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === 'system') window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, choice);
  } catch {
    /* storage disabled: the choice holds for this page only */
  }
  apply();
}

/** Calls `listener` whenever the effective theme may have changed; returns the unsubscribe. */
export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Applies the stored choice now and follows the system while the choice is "system". */
export function initTheme() {
  apply();
  media?.addEventListener('change', apply);
}
