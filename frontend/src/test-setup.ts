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
