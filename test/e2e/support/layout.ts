import type { Page } from 'playwright-core';
import type { Loose } from './page-globals';

export interface ContrastFailure {
  text: string;
  ratio: number;
  needed: number;
  color: string;
  background: string;
}

/**
 * WCAG AA on what the browser really painted: every visible, enabled element with its own text
 * is checked against the first opaque background behind it (text colour blended by the
 * element's effective opacity). 4.5:1, or 3:1 for large text. Disabled controls are exempt.
 */
export function contrastFailures(page: Page): Promise<ContrastFailure[]> {
  return page.evaluate(() => {
    const { document, getComputedStyle, innerHeight, Node } = globalThis as Loose;
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA | null => {
      const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?\)/.exec(c);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
    };
    const lum = ([r, g, b]: RGBA) => {
      const f = (v: number) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a: RGBA, b: RGBA) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const blend = (fg: RGBA, bg: RGBA, alpha: number): RGBA => [0, 1, 2].map((i) => fg[i] * alpha + bg[i] * (1 - alpha)).concat(1) as RGBA;
    const backgroundOf = (el: Loose): RGBA => {
      // Translucent layers are composited onto what is behind them.
      const layers: RGBA[] = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg && bg[3] > 0) {
          layers.push(bg);
          if (bg[3] >= 1) break;
        }
      }
      let result: RGBA = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = blend(layer, result, layer[3]);
      return result;
    };
    const opacityOf = (el: Loose) => {
      let o = 1;
      for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    };
    const failures: ContrastFailure[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*')) as Loose[]) {
      const own: string = (Array.from(el.childNodes) as Loose[]).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (!own) continue;
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width <= 1 || rect.height <= 1 || style.visibility === 'hidden' || style.display === 'none') continue; // sr-only, hidden
      if (rect.bottom < 0 || rect.top > innerHeight) continue;
      if (el.closest('fieldset:disabled, button:disabled, input:disabled, [aria-hidden="true"]')) continue;
      const fg = parse(style.color);
      if (!fg) continue;
      const bg = backgroundOf(el);
      const painted = blend(fg, bg, fg[3] * opacityOf(el));
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      const r = ratio(painted, bg);
      if (r < needed) failures.push({ text: own.slice(0, 60), ratio: Math.round(r * 100) / 100, needed, color: style.color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})` });
    }
    return failures;
  });
}

/** Elements sticking out of the viewport to the right (horizontal scrolling on a phone). */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; offenders: string[] }> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as Loose;
    const offenders: string[] = [];
    for (const el of Array.from(document.querySelectorAll('main *')) as Loose[]) {
      const r = el.getBoundingClientRect();
      if (r.width > 1 && r.right > innerWidth + 0.5 && !el.closest('.sr-only')) {
        offenders.push(`${String(el.tagName).toLowerCase()}.${String(el.className)} right=${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth as number, innerWidth: innerWidth as number, offenders: offenders.slice(0, 10) };
  });
}
