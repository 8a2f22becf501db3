/** An activity's form: a new record, or changes to one — date, unit, deputies, summary, the cases it produced, photos. */
import type { ActivityKind } from '@lianxin/contracts';
import { App, Button, Drawer, Form, Input, Select } from 'antd';
import type { UploadFile } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { uploading } from '../cases/evidence-upload';
import { useAllDeputies, useAllUnits } from '../common/lookups';
import { useErrorText } from '../common/use-error-text';
import { chinaToday, dutyApi, type Activity } from '../duty/duty-api';
import { editApi, type ActivityBody } from '../duty/edit-api';
import { ActivityCasesField } from './activity-cases-field';
import { ActivityPhotosField, MAX_ACTIVITY_PHOTOS, photoIdsOf, storedPhotos } from './activity-photos-field';
import { DateField } from '../common/date-fields';

/** Kinds of activity, in the order the forms offer them. */
export const ACTIVITY_KINDS = ['reception', 'research', 'inspection', 'forum', 'training', 'theme'] as const satisfies readonly ActivityKind[];
/** Every kind of the contract is offered (tsc fails here on a new one). */
export const ACTIVITY_KINDS_COMPLETE: Exclude<ActivityKind, (typeof ACTIVITY_KINDS)[number]> extends never ? true : never = true;

interface Values {
  unitId: string;
  kind: ActivityKind;
  title: string;
  date: string;
  location?: string;
  deputyIds?: string[];
  summary?: string;
  caseIds?: string[];
  photos?: UploadFile[];
}

/** The API body from the form. */
export function activityBody(v: Values): ActivityBody {
  return {
    unitId: v.unitId,
    kind: v.kind,
    title: v.title,
    date: v.date,
    location: v.location?.trim() || null,
    summary: v.summary ?? '',
    deputyIds: v.deputyIds ?? [],
    caseIds: v.caseIds ?? [],
    photoIds: photoIdsOf(v.photos),
  };
}

export function ActivityDrawer({ activity, onClose }: { activity?: Activity; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const units = useAllUnits();
  const deputies = useAllDeputies();
  const [form] = Form.useForm<Values>();
  const photos = Form.useWatch('photos', form);
  const save = useMutation({
    mutationFn: (v: Values) => (activity ? editApi.updateActivity(activity, activityBody(v)) : dutyApi.createActivity({ ...activityBody(v) })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['activities'] });
      void message.success(t(activity ? 'duty.edit.activity.saved' : 'duty.activities.created'));
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const initial: Partial<Values> = activity
    ? {
        unitId: activity.unitId,
        kind: activity.kind as ActivityKind,
        title: activity.title,
        date: activity.date,
        ...(activity.location ? { location: activity.location } : {}),
        deputyIds: activity.deputyIds,
        summary: activity.summary,
        caseIds: activity.caseIds,
        photos: storedPhotos(activity.id, activity.photoIds),
      }
    : { kind: 'reception', date: chinaToday(), deputyIds: [], caseIds: [], photos: [] };
  return (
    <Drawer open onClose={onClose} width={560} title={t(activity ? 'duty.edit.activity.title' : 'duty.activities.create')}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="unitId" label={t('duty.activities.station')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('duty.activities.kind')}>
          <Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`duty.activities.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('duty.activities.titleField')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} data-testid="activity-title" />
        </Form.Item>
        <Form.Item name="date" label={t('duty.activities.date')} rules={[{ required: true }]}>
          <DateField max={chinaToday()} data-testid="activity-date" />
        </Form.Item>
        <Form.Item name="location" label={t('duty.activities.location')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="deputyIds" label={t('duty.activities.deputies')}>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            options={(deputies.data ?? []).filter((d) => d.active || activity?.deputyIds.includes(d.id)).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="summary" label={t('duty.activities.summary')}>
          <Input.TextArea rows={5} maxLength={5000} data-testid="activity-summary" />
        </Form.Item>
        <Form.Item name="caseIds" label={t('duty.edit.activity.cases')} extra={t('duty.edit.activity.casesHelp')}>
          <ActivityCasesField />
        </Form.Item>
        <Form.Item name="photos" label={t('duty.edit.activity.photos')} extra={t('duty.edit.activity.photosHelp', { max: MAX_ACTIVITY_PHOTOS })}>
          <ActivityPhotosField />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={uploading(photos)} data-testid="activity-save">
          {t('duty.receptions.save')}
        </Button>
      </Form>
    </Drawer>
  );
}
