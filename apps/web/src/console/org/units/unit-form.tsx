/** Create or edit a unit (hub, station or liaison point) in a drawer. */
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ALLOWED_PARENT_KIND, REGION_TYPES, UNIT_KINDS } from '@lianxin/core';
import type { Unit, UnitKind } from '../../../shared/contract-types';
import { patch, PATHS, post } from '../../api';
import { FormDrawer } from '../../common/form-drawer';
import { blankToNull, changedFields } from '../../common/form-values';
import { useLabels } from '../../common/labels';
import { useAllUnits } from '../../common/lookups';

/** What the drawer is for: a new unit (optionally with kind and parent preset) or an existing one. */
export type UnitFormState = { mode: 'create'; kind?: UnitKind; parentId?: string | null } | { mode: 'edit'; unit: Unit };

interface UnitValues {
  kind: UnitKind;
  parentId?: string | null;
  name: string;
  region?: string | null;
  regionType?: string | null;
  pointKind?: string | null;
  address?: string | null;
  phone?: string | null;
  openingHours?: string | null;
  brands?: string[];
  sortOrder?: number | null;
}

interface Props {
  state: UnitFormState;
  /** Whether the user may create hubs and stations (else only points). */
  manageAll: boolean;
  onClose: () => void;
}

/** Fields shared by create and update, normalized for the API. */
function editableFields(values: UnitValues) {
  const kind = values.kind;
  return {
    name: values.name.trim(),
    region: blankToNull(values.region),
    regionType: kind === 'point' ? null : blankToNull(values.regionType),
    pointKind: kind === 'point' ? blankToNull(values.pointKind) : null,
    address: blankToNull(values.address),
    phone: blankToNull(values.phone),
    openingHours: blankToNull(values.openingHours),
    brands: (values.brands ?? []).map((b) => b.trim()).filter(Boolean),
    ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
  };
}

export function UnitForm({ state, manageAll, onClose }: Props) {
  const units = useAllUnits().data ?? [];
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<UnitValues>();
  const editing = state.mode === 'edit' ? state.unit : undefined;
  const presetKind = state.mode === 'create' ? state.kind : undefined;
  const kind = Form.useWatch('kind', form) ?? editing?.kind ?? presetKind ?? 'point';
  const parentKind = ALLOWED_PARENT_KIND[kind];

  const initialValues: Partial<UnitValues> = editing
    ? { ...editing }
    : {
        kind: presetKind ?? (manageAll ? 'station' : 'point'),
        parentId: state.mode === 'create' ? (state.parentId ?? undefined) : undefined,
        brands: [],
      };

  const kindOptions = UNIT_KINDS.filter((k) => manageAll || k === 'point').map((k) => ({ value: k, label: labels.unitKind(k) }));
  const parentOptions = units
    .filter((u) => u.kind === parentKind && (u.active || u.id === initialValues.parentId))
    .map((u) => ({ value: u.id, label: u.name }));

  const onSubmit = async (values: UnitValues) => {
    if (!editing) {
      const kindValue = values.kind;
      return post<Unit>(PATHS.units, {
        kind: kindValue,
        parentId: kindValue === 'hub' ? null : (values.parentId ?? null),
        ...editableFields(values),
      });
    }
    const changes = changedFields(editableFields({ ...values, kind: editing.kind }), editing);
    if (Object.keys(changes).length === 0) return editing;
    return patch<Unit>(`${PATHS.units}/${editing.id}`, { ...changes, expectedVersion: editing.version });
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <FormDrawer<UnitValues>
      title={editing ? t('units.editTitle', { name: editing.name }) : kind === 'point' ? t('units.addPoint') : t('units.createTitle')}
      testId="unit-form"
      form={form}
      initialValues={initialValues}
      onSubmit={onSubmit}
      onClose={onClose}
      reloadKeys={[['units']]}
      successText={editing ? t('common.saved') : t('common.created')}
    >
      <Form.Item label={t('units.kind')} name="kind" rules={[{ required: true, message: t('common.required', { field: t('units.kind') }) }]}>
        <Select options={kindOptions} disabled={!!editing || !!presetKind} data-testid="unit-form-kind" />
      </Form.Item>
      {parentKind && (
        <Form.Item label={t('units.parent')} name="parentId" rules={[{ required: true, message: t('common.required', { field: t('units.parent') }) }]}>
          <Select
            options={parentOptions}
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!!editing || (state.mode === 'create' && !!state.parentId)}
            data-testid="unit-form-parent"
          />
        </Form.Item>
      )}
      <Form.Item label={t('units.name')} name="name" rules={required(t('units.name'))}>
        <Input maxLength={100} data-testid="unit-form-name" />
      </Form.Item>
      {kind !== 'point' && (
        <Form.Item label={t('units.regionType')} name="regionType">
          <Select allowClear options={REGION_TYPES.map((r) => ({ value: r, label: labels.regionType(r) }))} data-testid="unit-form-region-type" />
        </Form.Item>
      )}
      {kind === 'point' && (
        <Form.Item label={t('units.pointKind')} name="pointKind">
          <Input maxLength={50} data-testid="unit-form-point-kind" />
        </Form.Item>
      )}
      <Form.Item label={t('units.region')} name="region">
        <Input maxLength={200} data-testid="unit-form-region" />
      </Form.Item>
      <Form.Item label={t('units.address')} name="address">
        <Input maxLength={500} data-testid="unit-form-address" />
      </Form.Item>
      <Form.Item label={t('units.phone')} name="phone">
        <Input maxLength={40} data-testid="unit-form-phone" />
      </Form.Item>
      <Form.Item label={t('units.openingHours')} name="openingHours">
        <Input maxLength={500} data-testid="unit-form-opening-hours" />
      </Form.Item>
      <Form.Item label={t('units.brands')} name="brands" extra={t('units.brandsHelp')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} data-testid="unit-form-brands" />
      </Form.Item>
      <Form.Item label={t('common.sortOrder')} name="sortOrder">
        <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="unit-form-sort-order" />
      </Form.Item>
    </FormDrawer>
  );
}
