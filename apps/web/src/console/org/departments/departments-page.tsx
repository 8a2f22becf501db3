/** `/console/departments`: the departments (承办单位) that handle opinions. */
import { useState } from 'react';
import { Alert, Button, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/contract-types';
import { maskPhone } from '../../../shared/mask';
import { patch, PATHS } from '../../api';
import { ListToolbar } from '../../common/list-toolbar';
import { PageHeader } from '../../common/page-header';
import { StatusTag } from '../../common/status-tag';
import { ToggleActiveButton } from '../../common/toggle-active-button';
import { useErrorText } from '../../common/use-error-text';
import { useListParams } from '../../common/use-list-params';
import { tablePagination, usePagedList } from '../../common/use-paged-list';
import { usePermission } from '../../session/permissions';
import { DepartmentForm } from './department-form';

type FormState = { department?: Department } | null;

export function DepartmentsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const can = usePermission();
  const canManage = can('department.manage');
  const list = useListParams();
  const query = usePagedList<Department>('departments', PATHS.departments, list.apiQuery);
  const [formState, setFormState] = useState<FormState>(null);

  const columns: TableColumnsType<Department> = [
    { title: t('departments.name'), dataIndex: 'name', key: 'name' },
    { title: t('departments.shortName'), dataIndex: 'shortName', key: 'shortName' },
    { title: t('departments.liaisonName'), dataIndex: 'liaisonName', key: 'liaisonName' },
    {
      title: t('departments.liaisonPhone'),
      dataIndex: 'liaisonPhone',
      key: 'liaisonPhone',
      render: (phone: string | null) => maskPhone(phone) || t('common.none'),
    },
    { title: t('common.sortOrder'), dataIndex: 'sortOrder', key: 'sortOrder', width: 80 },
    { title: t('common.status'), dataIndex: 'active', key: 'active', width: 90, render: (active: boolean) => <StatusTag active={active} /> },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_: unknown, department) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setFormState({ department })} data-testid={`department-edit-${department.id}`}>
            {t('common.edit')}
          </Button>
          <ToggleActiveButton
            testId={`department-toggle-${department.id}`}
            name={department.name}
            active={department.active}
            reloadKey={['departments']}
            onToggle={(active) => patch(`${PATHS.departments}/${department.id}`, { active, expectedVersion: department.version })}
          />
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader title={t('departments.title')} />
      <ListToolbar
        testIdPrefix="department"
        q={list.q}
        onSearch={(q) => list.update({ q })}
        includeInactive={list.includeInactive}
        onIncludeInactive={(value) => list.update({ includeInactive: value })}
        actions={
          canManage && (
            <Button type="primary" onClick={() => setFormState({})} data-testid="department-add">
              {t('departments.add')}
            </Button>
          )
        }
      />
      {query.error && <Alert type="error" showIcon role="alert" title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<Department>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={tablePagination(list, query.data?.total, t)}
        size="middle"
        scroll={{ x: 900 }}
        data-testid="department-table"
      />
      {formState && <DepartmentForm department={formState.department} onClose={() => setFormState(null)} />}
    </>
  );
}
