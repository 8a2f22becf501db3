import m from '../shared/0060_exports';
export const { up, down } = m.sqlite;
