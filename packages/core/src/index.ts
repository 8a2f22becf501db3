export * from './errors';
export * from './domain';
export * from './policy';
export * from './clock';
