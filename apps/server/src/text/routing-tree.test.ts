import { describe, expect, it } from 'vitest';
import type { CategoryRecord } from '@lianxin/storage';
import { categoryTreePaths } from './routing.service';

const category = (id: string, name: string, parentId: string | null) => ({ id, name, parentId }) as CategoryRecord;

describe('categoryTreePaths', () => {
  it('turns the category tree into first-level › … › leaf paths for label descriptions', () => {
    const list = [
      category('a', '城乡建设', null),
      category('a1', '市政管理', 'a'),
      category('a11', '路灯', 'a1'),
      category('b', '教育文体', null),
      category('b1', '校车', 'b'),
    ];
    const byId = new Map(list.map((c) => [c.id, c]));
    const topOf = (id: string) => {
      let c = byId.get(id);
      while (c?.parentId) c = byId.get(c.parentId);
      return c;
    };
    expect(categoryTreePaths(list, topOf)).toEqual([
      { l1: '城乡建设', l2: '市政管理' },
      { l1: '城乡建设', l2: '市政管理', l3: '路灯' },
      { l1: '教育文体', l2: '校车' },
    ]);
  });
});
