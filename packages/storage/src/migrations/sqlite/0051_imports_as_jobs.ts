import m from '../shared/0051_imports_as_jobs';
export const { up, down } = m.sqlite;
