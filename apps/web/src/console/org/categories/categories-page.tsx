/** `/console/categories`: the two-level category tree with default departments and time limits. */
import { useMemo, useState } from 'react';
import type { Key } from 'react';
import { Button } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Category } from '../../../shared/contract-types';
import { fetchAll, patch, PATHS } from '../../api';
import { namesById, useAllDepartments } from '../../common/lookups';
import { ResourceTablePage } from '../../common/resource-table-page';
import { StatusTag } from '../../common/status-tag';
import { buildTree, parentIds } from '../../common/tree';
import type { TreeNode } from '../../common/tree';
import { useListParams } from '../../common/use-list-params';
import { usePermission } from '../../session/permissions';
import { CategoryForm } from './category-form';
import type { CategoryFormState } from './category-form';

export function CategoriesPage() {
  const { t } = useTranslation();
  const canManage = usePermission()('category.manage');
  const list = useListParams();
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const departments = namesById(useAllDepartments().data);

  const query = useQuery({
    queryKey: ['categories', 'tree', { q: list.q, includeInactive: list.includeInactive }],
    queryFn: () => fetchAll<Category>(PATHS.categories, { q: list.q || undefined, includeInactive: list.includeInactive ? 1 : undefined }),
  });
  const categories = useMemo(() => query.data ?? [], [query.data]);
  const tree = useMemo(() => buildTree(categories), [categories]);
  const expandedKeys = expanded ?? (list.q ? parentIds(tree) : []);

  const columns: TableColumnsType<TreeNode<Category>> = [
    { title: t('categories.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('categories.defaultDepartment'),
      dataIndex: 'defaultDepartmentId',
      key: 'defaultDepartmentId',
      render: (id: string | null) => (id ? (departments.get(id) ?? id) : t('common.none')),
    },
    {
      title: t('categories.timeLimit'),
      dataIndex: 'timeLimitWorkdays',
      key: 'timeLimitWorkdays',
      width: 170,
      render: (days: number | null) => (days ? t('categories.workdays', { count: days }) : t('common.none')),
    },
    { title: t('common.sortOrder'), dataIndex: 'sortOrder', key: 'sortOrder', width: 80 },
    { title: t('common.status'), dataIndex: 'active', key: 'active', width: 90, render: (active: boolean) => <StatusTag active={active} /> },
  ];

  return (
    <ResourceTablePage<TreeNode<Category>, CategoryFormState>
      title={t('categories.title')}
      intro={t('categories.intro')}
      testIdPrefix="category"
      list={list}
      onSearch={(q) => {
        setExpanded(null);
        list.update({ q });
      }}
      rows={{ query, items: tree }}
      columns={columns}
      canManage={canManage}
      addText={t('categories.add')}
      form={{
        add: { mode: 'create' },
        edit: (category) => ({ mode: 'edit', category }),
        render: (state, close) => <CategoryForm state={state} onClose={close} />,
      }}
      rowActions={{
        name: (category) => category.name,
        reloadKey: ['categories'],
        onToggle: (category, active) => patch(`${PATHS.categories}/${category.id}`, { active, expectedVersion: category.version }),
        extra: (category, open) =>
          category.parentId === null &&
          category.active && (
            <Button type="link" size="small" onClick={() => open({ mode: 'create', parentId: category.id })} data-testid={`category-add-child-${category.id}`}>
              {t('categories.addChild')}
            </Button>
          ),
        width: 250,
      }}
      table={{
        scroll: { x: 900 },
        expandable: { expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys) },
        footer: () => t('common.total', { count: categories.length }),
      }}
    />
  );
}
