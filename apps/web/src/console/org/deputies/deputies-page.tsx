/** `/console/deputies`: deputies by station and level; contact masked with an audited reveal. */
import { Alert, Flex, Select, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEPUTY_LEVELS } from '@lianxin/core';
import type { Deputy } from '../../../shared/contract-types';
import { patch, PATHS } from '../../api';
import { useLabels } from '../../common/labels';
import { namesById, useAllUnits } from '../../common/lookups';
import { PosterLinks } from '../../common/poster-links';
import { ResourceTablePage } from '../../common/resource-table-page';
import { StatusTag } from '../../common/status-tag';
import { useListParams } from '../../common/use-list-params';
import { usePagedList } from '../../common/use-paged-list';
import { usePermission } from '../../session/permissions';
import { DeputyForm } from './deputy-form';
import { ContactCell } from './reveal-contact';

const FILTERS = ['unitId', 'level'] as const;

export function DeputiesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const can = usePermission();
  const canManage = can('deputy.manage');
  const canReveal = can('deputy.contact.reveal');
  const list = useListParams(FILTERS);
  const query = usePagedList<Deputy>('deputies', PATHS.deputies, list.apiQuery);
  const units = useAllUnits().data;
  const unitNames = namesById(units);

  const stationOptions = (units ?? []).filter((u) => u.kind === 'station').map((u) => ({ value: u.id, label: u.name }));
  const levelOptions = DEPUTY_LEVELS.map((level) => ({ value: level, label: labels.deputyLevel(level) }));

  const columns: TableColumnsType<Deputy> = [
    { title: t('deputies.name'), dataIndex: 'name', key: 'name', width: 110 },
    {
      title: t('deputies.levels'),
      dataIndex: 'levels',
      key: 'levels',
      render: (levels: string[]) => (
        <Flex wrap gap={4}>
          {levels.map((level) => (
            <Tag key={level} color="geekblue">
              {labels.deputyLevel(level)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('deputies.homeUnit'),
      dataIndex: 'homeUnitId',
      key: 'homeUnitId',
      render: (id: string | null) => (id ? (unitNames.get(id) ?? id) : t('common.none')),
    },
    { title: t('deputies.sector'), dataIndex: 'sector', key: 'sector' },
    { title: t('deputies.position'), dataIndex: 'position', key: 'position', ellipsis: true },
    {
      title: t('deputies.contact'),
      key: 'contact',
      width: 200,
      render: (_: unknown, deputy) => <ContactCell deputy={deputy} canReveal={canReveal} />,
    },
    { title: t('common.status'), dataIndex: 'active', key: 'active', width: 90, render: (active: boolean) => <StatusTag active={active} /> },
    {
      title: t('posters.title'),
      key: 'poster',
      width: 130,
      render: (_: unknown, deputy) => (deputy.active ? <PosterLinks resource="deputies" id={deputy.id} name={deputy.name} testIdPrefix="deputy" /> : null),
    },
  ];
  return (
    <ResourceTablePage<Deputy, { deputy?: Deputy }>
      title={t('deputies.title')}
      notice={canReveal && <Alert type="info" showIcon title={t('deputies.revealNote')} style={{ marginBottom: 16 }} data-testid="deputy-reveal-note" />}
      testIdPrefix="deputy"
      list={list}
      filters={
        <>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('deputies.filterUnit')}
            aria-label={t('deputies.filterUnit')}
            options={stationOptions}
            value={list.filters.unitId}
            onChange={(value?: string) => list.update({ unitId: value })}
            style={{ width: 200 }}
            data-testid="deputy-filter-unit"
          />
          <Select
            allowClear
            placeholder={t('deputies.filterLevel')}
            aria-label={t('deputies.filterLevel')}
            options={levelOptions}
            value={list.filters.level}
            onChange={(value?: string) => list.update({ level: value })}
            style={{ width: 180 }}
            data-testid="deputy-filter-level"
          />
        </>
      }
      rows={{ paged: query }}
      columns={columns}
      canManage={canManage}
      addText={t('deputies.add')}
      form={{ add: {}, edit: (deputy) => ({ deputy }), render: (state, close) => <DeputyForm deputy={state.deputy} onClose={close} /> }}
      rowActions={{
        name: (deputy) => deputy.name,
        reloadKey: ['deputies'],
        onToggle: (deputy, active) => patch(`${PATHS.deputies}/${deputy.id}`, { active, expectedVersion: deputy.version }),
        fixed: 'right',
      }}
      table={{ scroll: { x: 1330 } }}
    />
  );
}
