/**
 * The server's entry of @lianxin/core: the browser-safe modules (browser.ts) and those that
 * hash with node:crypto. Browsers get browser.ts through package.json's `browser` condition.
 */
export * from './browser';
export * from './event-chain';
export * from './voting/ballot-hash';
