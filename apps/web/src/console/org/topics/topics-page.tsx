/** `/console/topics`: cross-cutting topics (专题) such as 经济稳进提质. */
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Topic } from '../../../shared/contract-types';
import { patch, PATHS } from '../../api';
import { ResourceTablePage } from '../../common/resource-table-page';
import { StatusTag } from '../../common/status-tag';
import { useListParams } from '../../common/use-list-params';
import { usePagedList } from '../../common/use-paged-list';
import { usePermission } from '../../session/permissions';
import { TopicForm } from './topic-form';

export function TopicsPage() {
  const { t } = useTranslation();
  const canManage = usePermission()('topic.manage');
  const list = useListParams();
  const query = usePagedList<Topic>('topics', PATHS.topics, list.apiQuery);

  const columns: TableColumnsType<Topic> = [
    { title: t('topics.name'), dataIndex: 'name', key: 'name', width: 240 },
    { title: t('topics.description'), dataIndex: 'description', key: 'description', ellipsis: true },
    { title: t('common.sortOrder'), dataIndex: 'sortOrder', key: 'sortOrder', width: 80 },
    { title: t('common.status'), dataIndex: 'active', key: 'active', width: 90, render: (active: boolean) => <StatusTag active={active} /> },
  ];

  return (
    <ResourceTablePage<Topic, { topic?: Topic }>
      title={t('topics.title')}
      testIdPrefix="topic"
      list={list}
      rows={{ paged: query }}
      columns={columns}
      canManage={canManage}
      addText={t('topics.add')}
      form={{ add: {}, edit: (topic) => ({ topic }), render: (state, close) => <TopicForm topic={state.topic} onClose={close} /> }}
      rowActions={{
        name: (topic) => topic.name,
        reloadKey: ['topics'],
        onToggle: (topic, active) => patch(`${PATHS.topics}/${topic.id}`, { active, expectedVersion: topic.version }),
      }}
    />
  );
}
