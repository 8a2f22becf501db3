export * from './common';
export * from './org';
export * from './auth';
export * from './cases';
export * from './integrations';
export * from './proposals';
export * from './demo';
export * from './notifications';
