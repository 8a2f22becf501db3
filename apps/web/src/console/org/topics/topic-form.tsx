/** Create or edit a topic (专题) in a drawer. */
import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Topic } from '../../../shared/contract-types';
import { patch, PATHS, post } from '../../api';
import { FormDrawer } from '../../common/form-drawer';
import { blankToNull, changedFields } from '../../common/form-values';

interface TopicValues {
  name: string;
  description?: string | null;
  sortOrder?: number | null;
}

function fields(values: TopicValues) {
  return {
    name: values.name.trim(),
    description: blankToNull(values.description),
    ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
  };
}

export function TopicForm({ topic, onClose }: { topic?: Topic; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TopicValues>();

  const onSubmit = async (values: TopicValues) => {
    if (!topic) return post<Topic>(PATHS.topics, fields(values));
    const changes = changedFields(fields(values), topic);
    if (Object.keys(changes).length === 0) return topic;
    return patch<Topic>(`${PATHS.topics}/${topic.id}`, { ...changes, expectedVersion: topic.version });
  };

  return (
    <FormDrawer<TopicValues>
      title={topic ? t('topics.editTitle', { name: topic.name }) : t('topics.createTitle')}
      testId="topic-form"
      form={form}
      initialValues={topic ? { ...topic } : {}}
      onSubmit={onSubmit}
      onClose={onClose}
      reloadKeys={[['topics']]}
      successText={topic ? t('common.saved') : t('common.created')}
    >
      <Form.Item
        label={t('topics.name')}
        name="name"
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('topics.name') }) }]}
      >
        <Input maxLength={100} data-testid="topic-form-name" />
      </Form.Item>
      <Form.Item label={t('topics.description')} name="description">
        <Input.TextArea rows={4} maxLength={1000} showCount data-testid="topic-form-description" />
      </Form.Item>
      <Form.Item label={t('common.sortOrder')} name="sortOrder">
        <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="topic-form-sort-order" />
      </Form.Item>
    </FormDrawer>
  );
}
