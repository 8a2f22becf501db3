/**
 * `/console/receptions`: the reception rota of the caller's stations — dated receptions
 * with deputies, bookings and attendance; new weekly or one-off schedules; attendance and
 * no-shows recorded in a drawer.
 */
import { useState } from 'react';
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../common/page-header';
import { useAllDeputies, useAllUnits } from '../common/lookups';
import { useErrorText } from '../common/use-error-text';
import { addDays, chinaToday, dutyApi, type AttendanceStatus, type Reception } from '../duty/duty-api';
import { usePermission } from '../session/permissions';

const KEY = ['receptions'];

export function ReceptionsPage() {
  const { t } = useTranslation();
  const today = chinaToday();
  const [from, setFrom] = useState(addDays(today, -7));
  const [to, setTo] = useState(addDays(today, 14));
  const [unitId, setUnitId] = useState<string | undefined>();
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const units = useAllUnits();
  const can = usePermission();
  const list = useQuery({ queryKey: [...KEY, from, to, unitId], queryFn: () => dutyApi.receptions({ from, to, ...(unitId ? { unitId } : {}) }) });
  const settings = useQuery({ queryKey: ['reception-settings'], queryFn: dutyApi.settings });
  const stations = (units.data ?? []).filter((u) => u.kind !== 'point' && u.active);
  return (
    <>
      <PageHeader
        title={t('duty.receptions.title')}
        intro={
          <>
            {t('duty.receptions.intro')} {settings.data && t('duty.receptions.publishDays', { days: settings.data.publishDays })}
          </>
        }
        extra={
          can('reception.manage') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="rota-new">
              {t('duty.receptions.newRule')}
            </Button>
          )
        }
      />
      <Flex wrap gap="small" style={{ marginBottom: 16 }}>
        <label>
          {t('duty.receptions.from')} <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 160 }} />
        </label>
        <label>
          {t('duty.receptions.to')} <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 160 }} />
        </label>
        <Select
          allowClear
          aria-label={t('duty.receptions.station')}
          placeholder={t('duty.receptions.allStations')}
          style={{ width: 220 }}
          value={unitId}
          onChange={setUnitId}
          options={stations.map((u) => ({ value: u.id, label: u.name }))}
        />
      </Flex>
      <Table<Reception>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('duty.receptions.empty') }}
        pagination={{ pageSize: 50 }}
        data-testid="rota-table"
        columns={[
          { title: t('duty.receptions.date'), dataIndex: 'date', width: 120 },
          { title: t('duty.receptions.time'), render: (_, r) => `${r.startTime}–${r.endTime}`, width: 120 },
          { title: t('duty.receptions.station'), dataIndex: 'unitName' },
          {
            title: t('duty.receptions.deputies'),
            render: (_, r) =>
              r.deputies.map((d) => {
                const a = r.attendance.find((x) => x.deputyId === d.id);
                return (
                  <Tag key={d.id} color={a?.status === 'attended' ? 'green' : a?.status === 'absent' ? 'red' : undefined}>
                    {d.name}
                    {a ? ` · ${t(`duty.attendance.${a.status}`)}` : ''}
                  </Tag>
                );
              }),
          },
          { title: t('duty.receptions.booked'), render: (_, r) => `${r.booked}/${r.capacity}`, width: 90 },
          {
            title: t('duty.receptions.status'),
            width: 100,
            render: (_, r) =>
              r.status === 'cancelled' ? <Tag color="default">{t('duty.receptions.cancelled')}</Tag> : <Tag color="blue">{t('duty.receptions.scheduled')}</Tag>,
          },
          { title: t('duty.receptions.open'), width: 120, render: (_, r) => <Button onClick={() => setOpenId(r.id)}>{t('duty.receptions.open')}</Button> },
        ]}
      />
      {openId && <ReceptionDrawer id={openId} onClose={() => setOpenId(null)} />}
      {creating && <RuleDrawer onClose={() => setCreating(false)} />}
    </>
  );
}

function ReceptionDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const can = usePermission();
  const detail = useQuery({ queryKey: [...KEY, 'detail', id], queryFn: () => dutyApi.reception(id) });
  const [marks, setMarks] = useState<Record<string, AttendanceStatus>>({});
  const refresh = (data: unknown) => {
    client.setQueryData([...KEY, 'detail', id], data);
    void client.invalidateQueries({ queryKey: KEY });
  };
  const save = useMutation({
    mutationFn: () =>
      dutyApi.attendance(
        id,
        Object.entries(marks).map(([deputyId, status]) => ({ deputyId, status })),
      ),
    onSuccess: (data) => {
      refresh(data);
      void message.success(t('duty.receptions.attendanceSaved'));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const outcome = useMutation({
    mutationFn: (v: { bookingId: string; status: 'attended' | 'no_show' }) => dutyApi.bookingOutcome(id, v.bookingId, v.status),
    onSuccess: refresh,
    onError: (e) => void message.error(errorText(e)),
  });
  const r = detail.data;
  return (
    <Drawer open onClose={onClose} width={560} title={r ? `${r.unitName} ${r.date} ${r.startTime}–${r.endTime}` : ''}>
      {r && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('duty.receptions.recordAttendance')}
          </Typography.Title>
          {r.deputies.map((d) => {
            const current = marks[d.id] ?? r.attendance.find((a) => a.deputyId === d.id)?.status;
            return (
              <Flex key={d.id} gap="small" align="center">
                <span style={{ minWidth: 100 }}>{d.name}</span>
                <Radio.Group
                  aria-label={d.name}
                  value={current}
                  onChange={(e) => setMarks({ ...marks, [d.id]: e.target.value as AttendanceStatus })}
                  options={(['attended', 'absent', 'excused'] as const).map((s) => ({ value: s, label: t(`duty.attendance.${s}`) }))}
                />
              </Flex>
            );
          })}
          {can('reception.manage') && (
            <Button
              type="primary"
              disabled={Object.keys(marks).length === 0}
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="attendance-save"
            >
              {t('duty.receptions.recordAttendance')}
            </Button>
          )}
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('duty.receptions.bookings')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={r.bookings}
            locale={{ emptyText: t('duty.receptions.noBookings') }}
            columns={[
              { title: t('duty.receptions.bookingName'), dataIndex: 'name' },
              { title: t('duty.receptions.bookingPhone'), dataIndex: 'phone' },
              { title: t('duty.receptions.bookingTopic'), dataIndex: 'topic' },
              { title: t('duty.receptions.status'), render: (_, b) => t(`duty.bookingStatus.${b.status}`) },
              {
                title: t('duty.receptions.bookingOutcome'),
                render: (_, b) =>
                  b.status !== 'cancelled' &&
                  can('reception.manage') && (
                    <Space>
                      <Button size="small" onClick={() => outcome.mutate({ bookingId: b.id, status: 'attended' })}>
                        {t('duty.receptions.markAttended')}
                      </Button>
                      <Button size="small" danger onClick={() => outcome.mutate({ bookingId: b.id, status: 'no_show' })}>
                        {t('duty.receptions.markNoShow')}
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

function RuleDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const units = useAllUnits();
  const deputies = useAllDeputies();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as 'weekly' | 'once' | undefined;
  const create = useMutation({
    mutationFn: (values: Record<string, unknown>) => dutyApi.createRule(values),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: KEY });
      void message.success(t('duty.receptions.created'));
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Drawer open onClose={onClose} width={480} title={t('duty.receptions.newRule')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'weekly', weekday: 3, startTime: '09:00', endTime: '11:30', capacity: 10, validFrom: chinaToday() }}
        onFinish={(v: Record<string, unknown>) =>
          create.mutate({
            ...v,
            weekday: v.kind === 'weekly' ? v.weekday : null,
            date: v.kind === 'once' ? v.date : null,
            validFrom: v.kind === 'once' ? (v.date ?? v.validFrom) : v.validFrom,
          })
        }
      >
        <Form.Item name="unitId" label={t('duty.receptions.station')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('duty.receptions.kind')}>
          <Radio.Group
            options={[
              { value: 'weekly', label: t('duty.receptions.weekly') },
              { value: 'once', label: t('duty.receptions.once') },
            ]}
          />
        </Form.Item>
        {kind === 'once' ? (
          <Form.Item name="date" label={t('duty.receptions.date')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        ) : (
          <Form.Item name="weekday" label={t('duty.receptions.weekday')}>
            <Select options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`duty.weekdays.${d}`) }))} />
          </Form.Item>
        )}
        <Flex gap="small">
          <Form.Item name="startTime" label={t('duty.receptions.startTime')} rules={[{ required: true }]}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="endTime" label={t('duty.receptions.endTime')} rules={[{ required: true }]}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="capacity" label={t('duty.receptions.capacity')}>
            <InputNumber min={0} max={500} />
          </Form.Item>
        </Flex>
        <Form.Item name="deputyIds" label={t('duty.receptions.deputies')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            options={(deputies.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        {kind !== 'once' && (
          <Form.Item name="validFrom" label={t('duty.receptions.validFrom')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="rota-save">
          {t('duty.receptions.save')}
        </Button>
      </Form>
    </Drawer>
  );
}
