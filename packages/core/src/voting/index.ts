export * from './voting-model';
export * from './ballot';
export * from './tally';
