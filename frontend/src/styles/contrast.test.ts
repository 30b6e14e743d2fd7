import { readFileSync } from 'fs';
import { join } from 'path';
import { brandPalette, contrastRatio, parseHex } from '../lib/color';

/** WCAG AA for the theme's colour pairs: 4.5:1 for text, 3:1 for borders, focus rings, icons. */
const css = readFileSync(join(__dirname, 'theme.css'), 'utf8');

function variables(selector: string): Record<string, string> {
  const start = css.indexOf(selector);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{3,6})/gi)].map((m) => [m[1], m[2]]));
}

const light = variables(':root {');
const themes = { light, dark: { ...light, ...variables(":root[data-theme='dark']") } };

const TEXT: Array<[string, string]> = [
  ['text', 'bg'], ['text', 'surface'], ['text', 'surface-3'], ['text-muted', 'bg'], ['text-muted', 'surface'], ['text-muted', 'surface-2'],
  ['danger', 'surface'], ['danger', 'danger-bg'], ['success', 'success-bg'], ['warning', 'warning-bg'], ['warning', 'surface'],
  ['info', 'info-bg'], ['text', 'info-bg'], ['info', 'surface'], ['info', 'bg'], ['text', 'missing-bg'], ['text', 'danger-bg'], ['surface', 'danger'],
];
const NON_TEXT: Array<[string, string]> = [
  ['border-strong', 'surface'], ['border-strong', 'bg'], ['missing-border', 'missing-bg'], ['focus', 'bg'], ['focus', 'surface'], ['success', 'surface'],
];

describe.each(Object.entries(themes))('%s theme', (_name, vars) => {
  const ratio = (fg: string, bg: string) => contrastRatio(parseHex(vars[fg])!, parseHex(vars[bg])!);
  it.each(TEXT)('text %s on %s is at least 4.5:1', (fg, bg) => expect(ratio(fg, bg)).toBeGreaterThanOrEqual(4.5));
  it.each(NON_TEXT)('%s on %s is at least 3:1', (fg, bg) => expect(ratio(fg, bg)).toBeGreaterThanOrEqual(3));
});

it('text on any brand colour the server sends reaches 4.5:1', () => {
  for (const color of ['#2563eb', '#ffcc00', '#777777', '#00ff00', '#8a2be2', '#ff5a5f', '#000000', '#ffffff', 'not-a-colour']) {
    const { brand, onBrand } = brandPalette(color);
    expect(contrastRatio(parseHex(brand)!, parseHex(onBrand)!)).toBeGreaterThanOrEqual(4.5);
  }
});
