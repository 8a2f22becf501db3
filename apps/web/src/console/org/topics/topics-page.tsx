/** `/console/topics`: cross-cutting topics (专题) such as 经济稳进提质. */
import { useState } from 'react';
import { Alert, Button, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Topic } from '../../../shared/contract-types';
import { patch, PATHS } from '../../api';
import { ListToolbar } from '../../common/list-toolbar';
import { PageHeader } from '../../common/page-header';
import { StatusTag } from '../../common/status-tag';
import { ToggleActiveButton } from '../../common/toggle-active-button';
import { useErrorText } from '../../common/use-error-text';
import { useListParams } from '../../common/use-list-params';
import { tablePagination, usePagedList } from '../../common/use-paged-list';
import { usePermission } from '../../session/permissions';
import { TopicForm } from './topic-form';

export function TopicsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const canManage = usePermission()('topic.manage');
  const list = useListParams();
  const query = usePagedList<Topic>('topics', PATHS.topics, list.apiQuery);
  const [formState, setFormState] = useState<{ topic?: Topic } | null>(null);

  const columns: TableColumnsType<Topic> = [
    { title: t('topics.name'), dataIndex: 'name', key: 'name', width: 240 },
    { title: t('topics.description'), dataIndex: 'description', key: 'description', ellipsis: true },
    { title: t('common.sortOrder'), dataIndex: 'sortOrder', key: 'sortOrder', width: 80 },
    { title: t('common.status'), dataIndex: 'active', key: 'active', width: 90, render: (active: boolean) => <StatusTag active={active} /> },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_: unknown, topic) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setFormState({ topic })} data-testid={`topic-edit-${topic.id}`}>
            {t('common.edit')}
          </Button>
          <ToggleActiveButton
            testId={`topic-toggle-${topic.id}`}
            name={topic.name}
            active={topic.active}
            reloadKey={['topics']}
            onToggle={(active) => patch(`${PATHS.topics}/${topic.id}`, { active, expectedVersion: topic.version })}
          />
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader title={t('topics.title')} />
      <ListToolbar
        testIdPrefix="topic"
        q={list.q}
        onSearch={(q) => list.update({ q })}
        includeInactive={list.includeInactive}
        onIncludeInactive={(value) => list.update({ includeInactive: value })}
        actions={
          canManage && (
            <Button type="primary" onClick={() => setFormState({})} data-testid="topic-add">
              {t('topics.add')}
            </Button>
          )
        }
      />
      {query.error && <Alert type="error" showIcon role="alert" title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<Topic>
        rowKey="id"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={tablePagination(list, query.data?.total, t)}
        size="middle"
        data-testid="topic-table"
      />
      {formState && <TopicForm topic={formState.topic} onClose={() => setFormState(null)} />}
    </>
  );
}
