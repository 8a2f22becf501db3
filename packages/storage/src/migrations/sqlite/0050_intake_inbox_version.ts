import m from '../shared/0050_intake_inbox_version';
export const { up, down } = m.sqlite;
