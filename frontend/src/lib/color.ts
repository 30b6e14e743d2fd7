/**
 * Brand colours come from the server, so contrast is computed rather than assumed:
 * for any background, black or white text reaches at least 4.5:1 (WCAG AA).
 */
export const DEFAULT_BRAND = '#2f5bd3';

export function parseHex(input: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(input.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? m[1].split('').map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function luminance([r, g, b]: [number, number, number]): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The brand colour to use (falls back when the server sends something unusable) and its text colour. */
export function brandPalette(color: string | undefined): { brand: string; onBrand: string } {
  const rgb = color ? parseHex(color) : null;
  const brand = rgb ? color!.trim() : DEFAULT_BRAND;
  const value = rgb ?? parseHex(DEFAULT_BRAND)!;
  const onBrand = contrastRatio(value, [255, 255, 255]) >= contrastRatio(value, [0, 0, 0]) ? '#ffffff' : '#000000';
  return { brand: brand.startsWith('#') ? brand : `#${brand}`, onBrand };
}
