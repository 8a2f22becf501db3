export * from './proposal-model';
export * from './proposal-access';
export * from './proposal-deadlines';
export * from './proposal-workflow';
export * from './kpi-rollup';
export * from './comparison-ranking';
export * from './issue-escalation';
