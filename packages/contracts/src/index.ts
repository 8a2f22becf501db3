export * from './common';
export * from './org';
export * from './auth';
export * from './cases';
