import { useApp } from '../store/context';
import type { ThemeChoice } from '../store';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Auto', light: 'Light', dark: 'Dark' };
const ICON: Record<ThemeChoice, string> = { system: '◐', light: '☀', dark: '☾' };

/** Cycles Auto (follows the system) → Light → Dark. */
export function ThemeToggle() {
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  return (
    <button
      type="button"
      className="btn btn--small btn--ghost theme-toggle"
      onClick={() => setTheme(NEXT[theme])}
      aria-label={`Theme: ${LABEL[theme]}. Switch to ${LABEL[NEXT[theme]]}.`}
    >
      <span aria-hidden="true">{ICON[theme]}</span>
      <span className="theme-toggle__text" aria-hidden="true">{LABEL[theme]}</span>
    </button>
  );
}
