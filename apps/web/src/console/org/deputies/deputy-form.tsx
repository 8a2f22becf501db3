/** Create or edit a deputy in a drawer. Masked contact data is never sent back. */
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEPUTY_LEVELS } from '@lianxin/core';
import type { Deputy, DeputyLevel } from '../../../shared/contract-types';
import { maskEmail, maskPhone } from '../../../shared/mask';
import { patch, PATHS, post } from '../../api';
import { FormDrawer } from '../../common/form-drawer';
import { blankToNull, changedFields } from '../../common/form-values';
import { useLabels } from '../../common/labels';
import { useAllUnits } from '../../common/lookups';

interface DeputyValues {
  name: string;
  gender?: 'male' | 'female' | null;
  levels: DeputyLevel[];
  homeUnitId?: string | null;
  sector?: string | null;
  position?: string | null;
  profile?: string | null;
  contact?: { phone?: string | null; email?: string | null };
}

function fields(values: DeputyValues) {
  return {
    name: values.name.trim(),
    gender: values.gender ?? null,
    levels: values.levels,
    homeUnitId: values.homeUnitId ?? null,
    sector: blankToNull(values.sector),
    position: blankToNull(values.position),
    profile: blankToNull(values.profile),
  };
}

/** The contact part of the body, or undefined when nothing should be sent. */
function contactBody(values: DeputyValues, deputy?: Deputy): { phone?: string | null; email?: string | null } | undefined {
  const phone = blankToNull(values.contact?.phone);
  const email = blankToNull(values.contact?.email);
  if (!deputy) return phone || email ? { phone, email } : undefined;
  if (deputy.contactMasked) {
    // Only what was typed in replaces the (unknown) saved values.
    const typed = { ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
    return Object.keys(typed).length > 0 ? typed : undefined;
  }
  const next = { phone, email };
  return JSON.stringify(next) === JSON.stringify({ phone: deputy.contact.phone, email: deputy.contact.email }) ? undefined : next;
}

export function DeputyForm({ deputy, onClose }: { deputy?: Deputy; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<DeputyValues>();
  const units = useAllUnits().data ?? [];
  const masked = !!deputy?.contactMasked;

  const initialValues: Partial<DeputyValues> = deputy
    ? { ...deputy, contact: masked ? {} : { phone: deputy.contact.phone, email: deputy.contact.email } }
    : { levels: [] };
  const unitOptions = units
    .filter((u) => u.kind !== 'hub' && (u.active || u.id === deputy?.homeUnitId))
    .map((u) => ({ value: u.id, label: u.kind === 'point' ? `${u.name}（${labels.unitKind('point')}）` : u.name }));

  const onSubmit = async (values: DeputyValues) => {
    const contact = contactBody(values, deputy);
    if (!deputy) return post<Deputy>(PATHS.deputies, { ...fields(values), ...(contact ? { contact } : {}) });
    const changes = changedFields(fields(values), deputy);
    const body = { ...changes, ...(contact ? { contact } : {}) };
    if (Object.keys(body).length === 0) return deputy;
    return patch<Deputy>(`${PATHS.deputies}/${deputy.id}`, { ...body, expectedVersion: deputy.version });
  };

  const maskedHint = (value: string) => (masked && value ? `${value} · ${t('common.unchangedIfEmpty')}` : undefined);

  return (
    <FormDrawer<DeputyValues>
      title={deputy ? t('deputies.editTitle', { name: deputy.name }) : t('deputies.createTitle')}
      testId="deputy-form"
      form={form}
      initialValues={initialValues}
      onSubmit={onSubmit}
      onClose={onClose}
      reloadKeys={[['deputies']]}
      successText={deputy ? t('common.saved') : t('common.created')}
    >
      <Form.Item
        label={t('deputies.name')}
        name="name"
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('deputies.name') }) }]}
      >
        <Input maxLength={100} data-testid="deputy-form-name" />
      </Form.Item>
      <Form.Item label={t('deputies.gender')} name="gender">
        <Select allowClear options={(['male', 'female'] as const).map((g) => ({ value: g, label: labels.gender(g) }))} data-testid="deputy-form-gender" />
      </Form.Item>
      <Form.Item
        label={t('deputies.levels')}
        name="levels"
        rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('deputies.levels') }) }]}
      >
        <Select mode="multiple" options={DEPUTY_LEVELS.map((level) => ({ value: level, label: labels.deputyLevel(level) }))} data-testid="deputy-form-levels" />
      </Form.Item>
      <Form.Item label={t('deputies.homeUnit')} name="homeUnitId">
        <Select allowClear options={unitOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="deputy-form-home-unit" />
      </Form.Item>
      <Form.Item label={t('deputies.sector')} name="sector">
        <Input maxLength={50} data-testid="deputy-form-sector" />
      </Form.Item>
      <Form.Item label={t('deputies.position')} name="position">
        <Input maxLength={500} data-testid="deputy-form-position" />
      </Form.Item>
      <Form.Item label={t('deputies.profile')} name="profile">
        <Input.TextArea rows={3} maxLength={2000} showCount data-testid="deputy-form-profile" />
      </Form.Item>
      <Form.Item label={t('deputies.phone')} name={['contact', 'phone']} extra={maskedHint(maskPhone(deputy?.contact.phone))}>
        <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="deputy-form-phone" />
      </Form.Item>
      <Form.Item label={t('deputies.email')} name={['contact', 'email']} extra={maskedHint(maskEmail(deputy?.contact.email))}>
        <Input maxLength={200} type="email" autoComplete="off" data-testid="deputy-form-email" />
      </Form.Item>
    </FormDrawer>
  );
}
