/**
 * The browser entry of @lianxin/core (package.json's `browser` condition, which Vite and the
 * web app's type check use): everything that runs anywhere. The server's entry (index.ts)
 * adds the modules that hash with node:crypto (event chain, ballot receipts).
 */
export * from './errors';
export * from './exhaustive';
export * from './domain';
export * from './policy';
export * from './visibility';
export * from './clock';
export * from './calendar-date';
export * from './statutory-holidays';
export * from './working-calendar';
export * from './ics-overrides';
export * from './case-model';
export * from './case-access';
export * from './case-clocks';
export * from './case-workflow';
export * from './canonical-json';
export * from './tracking-code';
export * from './evaluation/index';
export * from './proposal';
export * from './voting';
