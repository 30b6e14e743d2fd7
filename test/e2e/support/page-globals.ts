/**
 * Callbacks given to page.evaluate / addInitScript run in the browser, but the repository's
 * tsconfig has no DOM lib (backend code must not see browser globals). In those callbacks the
 * page's globals are reached through `globalThis as Loose` — typed loosely on purpose, and only
 * there. (A type: it is erased, so nothing is captured that the page would not have.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;
