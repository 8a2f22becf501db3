/** Start date + N working days → the deadline, computed by the server's calendar (the one cases use). */
import { Alert, Button, Flex, Form, InputNumber, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { useErrorText } from '../common/use-error-text';
import { useLanguage } from '../language-provider';
import { fetchDeadline } from './calendar-api';
import { chinaDate, startOfWorkingDay } from './calendar-model';
import { weekdayName } from './year-grid';
import { DateField } from '../common/date-fields';

interface Values {
  start: string;
  workdays: number | null;
}

export function DeadlineCalculator({ today }: { today: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const compute = useMutation({ mutationFn: (values: Values) => fetchDeadline(startOfWorkingDay(values.start), values.workdays ?? 0) });

  return (
    <Flex vertical gap={8}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('calendar.deadlineHelp')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="inline"
        name="calendar-deadline"
        initialValues={{ start: today, workdays: 5 }}
        onFinish={(values) => compute.mutate(values)}
        noValidate
        data-testid="calendar-deadline-form"
      >
        <Form.Item
          label={t('calendar.deadlineStart')}
          name="start"
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('common.required', { field: t('calendar.deadlineStart') }) }]}
        >
          <DateField min="2000-01-01" max="2100-12-31" data-testid="calendar-deadline-start" />
        </Form.Item>
        <Form.Item
          label={t('calendar.deadlineWorkdays')}
          name="workdays"
          rules={[{ required: true, message: t('common.required', { field: t('calendar.deadlineWorkdays') }) }]}
        >
          <InputNumber min={0} max={365} precision={0} data-testid="calendar-deadline-workdays" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={compute.isPending} data-testid="calendar-deadline-submit">
            {t('calendar.deadlineSubmit')}
          </Button>
        </Form.Item>
      </Form>
      <div role="status" aria-live="polite">
        {compute.data && (
          <Typography.Text strong data-testid="calendar-deadline-result">
            {t('calendar.deadlineResult', { deadline: `${formatDateTime(compute.data, language)} ${weekdayName(chinaDate(compute.data), language)}` })}
          </Typography.Text>
        )}
      </div>
      {compute.error && <Alert type="error" showIcon role="alert" title={errorText(compute.error)} data-testid="calendar-deadline-error" />}
    </Flex>
  );
}
