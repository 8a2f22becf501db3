/** `/console/appeal-kinds`: 咨询/求助/投诉/建议/表扬 and their time limits. */
import { useState } from 'react';
import { Alert, Button, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AppealKind } from '../../../shared/contract-types';
import { get, patch, PATHS } from '../../api';
import { ListToolbar } from '../../common/list-toolbar';
import { PageHeader } from '../../common/page-header';
import { StatusTag } from '../../common/status-tag';
import { ToggleActiveButton } from '../../common/toggle-active-button';
import { useErrorText } from '../../common/use-error-text';
import { useListParams } from '../../common/use-list-params';
import { usePermission } from '../../session/permissions';
import { AppealKindForm } from './appeal-kind-form';

export function AppealKindsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const canManage = usePermission()('appealKind.manage');
  const list = useListParams();
  const [editing, setEditing] = useState<AppealKind | null>(null);
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
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_: unknown, kind) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(kind)} data-testid={`appeal-kind-edit-${kind.code}`}>
            {t('common.edit')}
          </Button>
          <ToggleActiveButton
            testId={`appeal-kind-toggle-${kind.code}`}
            name={kind.name}
            active={kind.active}
            reloadKey={['appeal-kinds']}
            onToggle={(active) => patch(`${PATHS.appealKinds}/${kind.code}`, { active })}
          />
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader title={t('appealKinds.title')} intro={t('appealKinds.intro')} />
      <ListToolbar
        testIdPrefix="appeal-kind"
        q={list.q}
        onSearch={(value) => list.update({ q: value })}
        includeInactive={list.includeInactive}
        onIncludeInactive={(value) => list.update({ includeInactive: value })}
      />
      {query.error && <Alert type="error" showIcon role="alert" title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<AppealKind>
        rowKey="code"
        columns={columns}
        dataSource={rows}
        loading={query.isFetching}
        pagination={false}
        size="middle"
        data-testid="appeal-kind-table"
      />
      {editing && <AppealKindForm kind={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
