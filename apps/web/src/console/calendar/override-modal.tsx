/** Add, change or remove the admin's correction of one date (放假 or 上班, with a note). */
import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Popconfirm, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../common/use-error-text';
import { NOTE_MAX } from './calendar-model';
import type { CalendarOverride, GridDay } from './calendar-model';
import { DateField } from '../common/date-fields';

interface Values {
  date: string;
  kind: 'holiday' | 'workday';
  note?: string;
}

interface Props {
  /** The date clicked in the grid, or none for a new correction. */
  date?: string;
  /** The existing correction of that date. */
  existing?: CalendarOverride;
  /** What the date is now (when it lies in the year shown). */
  current?: GridDay;
  onSave: (override: CalendarOverride) => Promise<void>;
  onRemove: (date: string) => Promise<void>;
  onClose: () => void;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function OverrideModal({ date, existing, current, onSave, onRemove, onClose }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // A click on a working day most likely means "make it a day off", and the other way round.
  const initialKind = existing?.kind ?? (current && !current.workday ? 'workday' : 'holiday');

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      onClose();
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const onFinish = (values: Values) =>
    void run(() => {
      const note = values.note?.trim();
      return onSave({ date: values.date, kind: values.kind, ...(note ? { note } : {}) });
    });

  return (
    <Modal open title={date ? t('calendar.editOverride', { date }) : t('calendar.newOverride')} onCancel={onClose} footer={null} destroyOnHidden>
      {current && (
        <Typography.Paragraph type="secondary" data-testid="calendar-override-current">
          {t('calendar.currentDay', {
            kind: t(`calendar.kind.${current.kind}`),
            name: current.name ? t('calendar.dayNamePart', { name: current.name }) : '',
            source: t(`calendar.source.${current.source}`),
          })}
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        name="calendar-override"
        initialValues={{ date: date ?? '', kind: initialKind, note: existing?.note ?? '' }}
        onFinish={onFinish}
        noValidate
        data-testid="calendar-override-form"
      >
        <Form.Item
          label={t('calendar.date')}
          name="date"
          rules={[{ required: true, pattern: DATE_PATTERN, message: t('common.required', { field: t('calendar.date') }) }]}
        >
          <DateField min="2000-01-01" max="2100-12-31" readOnly={!!date} data-testid="calendar-override-date" />
        </Form.Item>
        <Form.Item label={t('calendar.overrideKind')} name="kind">
          <Radio.Group
            options={[
              { value: 'holiday', label: t('calendar.kindHoliday') },
              { value: 'workday', label: t('calendar.kindWorkday') },
            ]}
            data-testid="calendar-override-kind"
          />
        </Form.Item>
        <Form.Item label={t('calendar.note')} name="note">
          <Input maxLength={NOTE_MAX} showCount placeholder={t('calendar.notePlaceholder')} data-testid="calendar-override-note" />
        </Form.Item>
        {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} data-testid="calendar-override-error" />}
        <Flex gap="small" justify="space-between" wrap>
          <span>
            {existing && (
              <Popconfirm
                title={t('calendar.removeConfirm', { date: existing.date })}
                onConfirm={() => void run(() => onRemove(existing.date))}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                okButtonProps={{ 'data-testid': 'calendar-override-remove-confirm' }}
              >
                <Button danger disabled={busy} data-testid="calendar-override-remove">
                  {t('calendar.removeOverride')}
                </Button>
              </Popconfirm>
            )}
          </span>
          <Flex gap="small">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="calendar-override-submit">
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </Modal>
  );
}
