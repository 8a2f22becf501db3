/** A reception's drawer: attendance of the rostered deputies, and the citizens who booked (came or not). */
import { useState } from 'react';
import { App, Button, Drawer, Flex, Radio, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../common/use-error-text';
import { dutyApi, type AttendanceStatus } from '../duty/duty-api';
import { usePermission } from '../session/permissions';
import { RECEPTIONS_KEY as KEY } from './keys';

export function ReceptionDrawer({ id, onClose }: { id: string; onClose: () => void }) {
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
