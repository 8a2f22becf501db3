/** `/console/departments`: the departments (承办单位) that handle opinions. */
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/contract-types';
import { maskPhone } from '../../../shared/mask';
import { patch, PATHS } from '../../api';
import { ResourceTablePage } from '../../common/resource-table-page';
import { StatusTag } from '../../common/status-tag';
import { useListParams } from '../../common/use-list-params';
import { usePagedList } from '../../common/use-paged-list';
import { usePermission } from '../../session/permissions';
import { DepartmentForm } from './department-form';

export function DepartmentsPage() {
  const { t } = useTranslation();
  const canManage = usePermission()('department.manage');
  const list = useListParams();
  const query = usePagedList<Department>('departments', PATHS.departments, list.apiQuery);

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

  return (
    <ResourceTablePage<Department, { department?: Department }>
      title={t('departments.title')}
      testIdPrefix="department"
      list={list}
      rows={{ paged: query }}
      columns={columns}
      canManage={canManage}
      addText={t('departments.add')}
      form={{
        add: {},
        edit: (department) => ({ department }),
        render: (state, close) => <DepartmentForm department={state.department} onClose={close} />,
      }}
      rowActions={{
        name: (department) => department.name,
        reloadKey: ['departments'],
        onToggle: (department, active) => patch(`${PATHS.departments}/${department.id}`, { active, expectedVersion: department.version }),
      }}
      table={{ scroll: { x: 900 } }}
    />
  );
}
