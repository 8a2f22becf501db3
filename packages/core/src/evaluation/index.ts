export * from './periods';
export * from './rota';
export * from './case-facts';
export * from './scheme';
export * from './default-schemes';
export * from './scoring';
export * from './gaming';
export * from './duty-points';
