import { useState } from 'react';
import { setThemeChoice, themeChoice, type ThemeChoice } from '../lib/theme.ts';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** System, light or dark, kept in local storage for the next visit. */
export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(themeChoice);
  return (
    <label className="theme-toggle" title="Colour theme">
      <span className="sr-only">Theme</span>
      <select
        className="input input-sm"
        aria-label="Theme"
        value={choice}
        onChange={(e) => {
          const next = e.target.value as ThemeChoice;
          setChoice(next);
          setThemeChoice(next);
        }}
      >
        {(Object.keys(LABELS) as ThemeChoice[]).map((c) => (
          <option key={c} value={c}>
            {c === 'system' ? '◐ ' : c === 'light' ? '☀ ' : '☾ '}
            {LABELS[c]}
          </option>
        ))}
      </select>
    </label>
  );
}
