/** `/console/appeal-kinds`: 咨询/求助/投诉/建议/表扬 and their time limits. */
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AppealKind } from '../../../shared/contract-types';
import { get, patch, PATHS } from '../../api';
import { ResourceTablePage } from '../../common/resource-table-page';
import { StatusTag } from '../../common/status-tag';
import { useListParams } from '../../common/use-list-params';
import { usePermission } from '../../session/permissions';
import { AppealKindForm } from './appeal-kind-form';

export function AppealKindsPage() {
  const { t } = useTranslation();
  const canManage = usePermission()('appealKind.manage');
  const list = useListParams();
  const query = useQuery({
    queryKey: ['appeal-kinds', 'all'],
    queryFn: async () => (await get<{ items: AppealKind[] }>(PATHS.appealKinds, { includeInactive: 1 })).items,
  });

  // The list is short: search and the inactive filter run here.
  const q = list.q.toLowerCase();
  const rows = (query.data ?? [])
    .filter((kind) => list.includeInactive || kind.active)
    .filter((kind) => !q || [kind.code, kind.name, kind.nameEn].some((text) => text.toLowerCase().includes(q)))
    .sort((a, b) => a.sortOrder - b.sortOrder);

  const columns: TableColumnsType<AppealKind> = [
    { title: t('appealKinds.code'), dataIndex: 'code', key: 'code', width: 140, render: (code: string) => <code>{code}</code> },
    { title: t('appealKinds.name'), dataIndex: 'name', key: 'name' },
    { title: t('appealKinds.nameEn'), dataIndex: 'nameEn', key: 'nameEn', render: (text: string) => <span lang="en">{text}</span> },
    { title: t('appealKinds.handleWorkdays'), dataIndex: 'handleWorkdays', key: 'handleWorkdays', width: 180 },
    { title: t('common.status'), dataIndex: 'active', key: 'active', width: 90, render: (active: boolean) => <StatusTag active={active} /> },
  ];

  // The kinds are fixed: they are edited and (de)activated, never added.
  return (
    <ResourceTablePage<AppealKind, AppealKind>
      title={t('appealKinds.title')}
      intro={t('appealKinds.intro')}
      testIdPrefix="appeal-kind"
      list={list}
      rows={{ query, items: rows }}
      rowKey="code"
      columns={columns}
      canManage={canManage}
      form={{ edit: (kind) => kind, render: (kind, close) => <AppealKindForm kind={kind} onClose={close} /> }}
      rowActions={{
        name: (kind) => kind.name,
        reloadKey: ['appeal-kinds'],
        onToggle: (kind, active) => patch(`${PATHS.appealKinds}/${kind.code}`, { active }),
      }}
    />
  );
}
