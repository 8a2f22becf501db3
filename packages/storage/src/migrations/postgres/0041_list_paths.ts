import m from '../shared/0041_list_paths';

export const { up, down } = m.postgres;
