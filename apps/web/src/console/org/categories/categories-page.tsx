/** `/console/categories`: the two-level category tree with default departments and time limits. */
import { useMemo, useState } from 'react';
import type { Key } from 'react';
import { Alert, Button, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Category } from '../../../shared/contract-types';
import { fetchAll, patch, PATHS } from '../../api';
import { ListToolbar } from '../../common/list-toolbar';
import { namesById, useAllDepartments } from '../../common/lookups';
import { PageHeader } from '../../common/page-header';
import { StatusTag } from '../../common/status-tag';
import { ToggleActiveButton } from '../../common/toggle-active-button';
import { buildTree, parentIds } from '../../common/tree';
import type { TreeNode } from '../../common/tree';
import { useErrorText } from '../../common/use-error-text';
import { useListParams } from '../../common/use-list-params';
import { usePermission } from '../../session/permissions';
import { CategoryForm } from './category-form';
import type { CategoryFormState } from './category-form';

export function CategoriesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const canManage = usePermission()('category.manage');
  const list = useListParams();
  const [formState, setFormState] = useState<CategoryFormState | null>(null);
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
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 250,
      render: (_: unknown, category) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setFormState({ mode: 'edit', category })} data-testid={`category-edit-${category.id}`}>
            {t('common.edit')}
          </Button>
          {category.parentId === null && category.active && (
            <Button
              type="link"
              size="small"
              onClick={() => setFormState({ mode: 'create', parentId: category.id })}
              data-testid={`category-add-child-${category.id}`}
            >
              {t('categories.addChild')}
            </Button>
          )}
          <ToggleActiveButton
            testId={`category-toggle-${category.id}`}
            name={category.name}
            active={category.active}
            reloadKey={['categories']}
            onToggle={(active) => patch(`${PATHS.categories}/${category.id}`, { active, expectedVersion: category.version })}
          />
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader title={t('categories.title')} intro={t('categories.intro')} />
      <ListToolbar
        testIdPrefix="category"
        q={list.q}
        onSearch={(q) => {
          setExpanded(null);
          list.update({ q });
        }}
        includeInactive={list.includeInactive}
        onIncludeInactive={(value) => list.update({ includeInactive: value })}
        actions={
          canManage && (
            <Button type="primary" onClick={() => setFormState({ mode: 'create' })} data-testid="category-add">
              {t('categories.add')}
            </Button>
          )
        }
      />
      {query.error && <Alert type="error" showIcon role="alert" title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<TreeNode<Category>>
        rowKey="id"
        columns={columns}
        dataSource={tree}
        loading={query.isFetching}
        pagination={false}
        size="middle"
        scroll={{ x: 900 }}
        expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys) }}
        footer={() => t('common.total', { count: categories.length })}
        data-testid="category-table"
      />
      {formState && <CategoryForm state={formState} onClose={() => setFormState(null)} />}
    </>
  );
}
