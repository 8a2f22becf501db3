/** `/console/units`: the hub → stations → points tree, with create, edit and (de)activate. */
import { useMemo, useState } from 'react';
import type { Key } from 'react';
import { Button, Flex, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/contract-types';
import { fetchAll, patch, PATHS } from '../../api';
import { useLabels } from '../../common/labels';
import { PosterLinks } from '../../common/poster-links';
import { ResourceTablePage } from '../../common/resource-table-page';
import { StatusTag } from '../../common/status-tag';
import { buildTree, parentIds } from '../../common/tree';
import type { TreeNode } from '../../common/tree';
import { useListParams } from '../../common/use-list-params';
import { useCurrentUser } from '../../session/current-user';
import { UnitForm } from './unit-form';
import type { UnitFormState } from './unit-form';
import { unitPermissions } from './unit-permissions';

const KIND_COLOR: Record<string, string | undefined> = { hub: 'purple', station: 'geekblue', point: undefined };

export function UnitsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const user = useCurrentUser();
  const list = useListParams();
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);

  const query = useQuery({
    queryKey: ['units', 'tree', { q: list.q, includeInactive: list.includeInactive }],
    queryFn: () => fetchAll<Unit>(PATHS.units, { q: list.q || undefined, includeInactive: list.includeInactive ? 1 : undefined }),
  });
  const units = useMemo(() => query.data ?? [], [query.data]);
  const tree = useMemo(() => buildTree(units), [units]);
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const perms = unitPermissions(user, byId);

  // By default the hub is open (showing the stations); a search opens everything it found.
  const defaultExpanded = list.q ? parentIds(tree) : tree.map((node) => node.id);
  const expandedKeys = expanded ?? defaultExpanded;

  const columns: TableColumnsType<TreeNode<Unit>> = [
    {
      title: t('units.name'),
      dataIndex: 'name',
      key: 'name',
      width: 260,
      render: (name: string, unit) => (
        <span data-testid={`unit-name-${unit.id}`}>
          {name} {!unit.active && <StatusTag active={false} />}
        </span>
      ),
    },
    {
      title: t('units.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 110,
      render: (kind: string) => <Tag color={KIND_COLOR[kind]}>{labels.unitKind(kind)}</Tag>,
    },
    {
      title: t('units.regionType'),
      dataIndex: 'regionType',
      key: 'regionType',
      width: 100,
      render: (value: string | null, unit) => (unit.kind === 'point' ? (unit.pointKind ?? t('common.none')) : labels.regionType(value)),
    },
    { title: t('units.address'), dataIndex: 'address', key: 'address', ellipsis: true },
    { title: t('units.phone'), dataIndex: 'phone', key: 'phone', width: 140 },
    { title: t('units.openingHours'), dataIndex: 'openingHours', key: 'openingHours', ellipsis: true },
    {
      title: t('units.brands'),
      dataIndex: 'brands',
      key: 'brands',
      render: (brands: string[]) => (
        <Flex wrap gap={4}>
          {brands.map((brand) => (
            <Tag key={brand} color="red">
              {brand}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('common.sortOrder'), dataIndex: 'sortOrder', key: 'sortOrder', width: 80 },
    {
      title: t('posters.title'),
      key: 'poster',
      width: 130,
      render: (_: unknown, unit) =>
        unit.kind !== 'hub' && unit.active ? <PosterLinks resource="units" id={unit.id} name={unit.name} testIdPrefix="unit" /> : null,
    },
  ];

  return (
    <ResourceTablePage<TreeNode<Unit>, UnitFormState>
      title={t('units.title')}
      intro={t('units.intro')}
      testIdPrefix="unit"
      list={list}
      onSearch={(q) => {
        setExpanded(null);
        list.update({ q });
      }}
      rows={{ query, items: tree }}
      columns={columns}
      canManage={perms.manageAll}
      addText={t('units.add')}
      form={{
        add: { mode: 'create' },
        edit: (unit) => ({ mode: 'edit', unit }),
        render: (state, close) => <UnitForm state={state} manageAll={perms.manageAll} onClose={close} />,
      }}
      rowActions={{
        name: (unit) => unit.name,
        reloadKey: ['units'],
        onToggle: (unit, active) => patch(`${PATHS.units}/${unit.id}`, { active, expectedVersion: unit.version }),
        // Station staff edit their own station and add points under it; only managers add stations.
        canEdit: (unit) => perms.canEdit(unit),
        extra: (unit, open) => (
          <>
            {unit.kind === 'hub' && perms.manageAll && unit.active && (
              <Button
                type="link"
                size="small"
                onClick={() => open({ mode: 'create', kind: 'station', parentId: unit.id })}
                data-testid={`unit-add-station-${unit.id}`}
              >
                {t('units.addStation')}
              </Button>
            )}
            {perms.canAddPoint(unit) && unit.active && (
              <Button
                type="link"
                size="small"
                onClick={() => open({ mode: 'create', kind: 'point', parentId: unit.id })}
                data-testid={`unit-add-point-${unit.id}`}
              >
                {t('units.addPoint')}
              </Button>
            )}
          </>
        ),
        width: 250,
        fixed: 'right',
      }}
      table={{
        scroll: { x: 1430 },
        expandable: { expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys) },
        footer: () => t('common.total', { count: units.length }),
      }}
    />
  );
}
