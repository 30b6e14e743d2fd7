import type { Branding, ThemeChoice } from '../store';
import { brandPalette } from './color';

/**
 * Puts the theme choice and brand colours on <html>: `data-theme` overrides
 * prefers-color-scheme (absent = follow the system); `--brand`/`--on-brand` feed the CSS.
 */
export function applyTheme(theme: ThemeChoice, branding: Branding, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  const { brand, onBrand } = brandPalette(branding.color);
  root.style.setProperty('--brand', brand);
  root.style.setProperty('--on-brand', onBrand);
  document.title = branding.name;
}
