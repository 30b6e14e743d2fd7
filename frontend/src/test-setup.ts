import '@testing-library/jest-dom';

/** Every test starts from an empty localStorage: the outbox, token and current chat live there. */
beforeEach(() => {
  window.localStorage.clear();
});

/** jsdom has no matchMedia; framer-motion and the theme code ask it about motion and colour scheme. */
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

/** jsdom does no scrolling: keep scrollTop in step and tell listeners, as a browser would. */
if (!Element.prototype.scrollTo) {
  Element.prototype.scrollTo = function scrollTo(this: Element, arg?: ScrollToOptions | number, y?: number) {
    const top = typeof arg === 'object' ? arg.top : y;
    const left = typeof arg === 'object' ? arg.left : arg;
    if (typeof top === 'number') this.scrollTop = top;
    if (typeof left === 'number') this.scrollLeft = left;
    // Browsers fire scroll events asynchronously; firing inside a React effect would nest renders.
    setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
  } as Element['scrollTo'];
}
window.scrollTo = () => undefined;
