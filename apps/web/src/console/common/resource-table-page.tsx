/**
 * A console list page of one kind of record (units, departments, topics, users …): heading,
 * search toolbar, error, table with its pagination, the standard row actions (edit,
 * deactivate/reactivate) and the create/edit form drawer. Test ids follow the prefix:
 * `<prefix>-search`, `<prefix>-include-inactive`, `<prefix>-add`, `<prefix>-table`,
 * `<prefix>-edit-<key>`, `<prefix>-toggle-<key>`.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Space, Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../shared/contract-types';
import { ListToolbar } from './list-toolbar';
import { PageHeader } from './page-header';
import { ToggleActiveButton } from './toggle-active-button';
import { useErrorText } from './use-error-text';
import type { ListChanges } from './use-list-params';
import { tablePagination } from './use-paged-list';

/** The list state the page reads and changes (from `useListParams`). */
interface ListState {
  q: string;
  includeInactive: boolean;
  page: number;
  pageSize: number;
  update: (changes: ListChanges) => void;
}

/** The rows: one page of a list endpoint (paged in the table), or a whole list filtered here. */
export type ResourceRows<T> = { paged: UseQueryResult<Page<T>> } | { query: UseQueryResult<unknown>; items: readonly T[] };

/** The form drawer: which state opens it to add and to edit a row, and what it shows. */
export interface ResourceForm<T, S> {
  /** The state for the add button; without it the page has no add button. */
  add?: S;
  edit: (row: T) => S;
  render: (state: S, close: () => void) => ReactNode;
}

/** The actions column: edit, optional extra actions, deactivate/reactivate. */
export interface ResourceRowActions<T, S> {
  /** The confirmation names the record by this. */
  name: (row: T) => string;
  /** Sends the change of `active`. */
  onToggle: (row: T, active: boolean) => Promise<unknown>;
  /** Query key prefix to refresh after a toggle, e.g. `['units']`. */
  reloadKey: readonly unknown[];
  /** Buttons between edit and toggle; `open` opens the form with a state. */
  extra?: (row: T, open: (state: S) => void) => ReactNode;
  /**
   * Whether this row's edit and toggle show. When given, the actions column is shown whatever
   * `canManage` says (station staff edit their own station without managing every unit).
   */
  canEdit?: (row: T) => boolean;
  width?: number;
  fixed?: 'right';
}

export interface ResourceTablePageProps<T extends { active: boolean }, S> {
  title: string;
  intro?: ReactNode;
  /** Shown between the heading and the toolbar. */
  notice?: ReactNode;
  testIdPrefix: string;
  list: ListState;
  /** Replaces the default search (`list.update({ q })`). */
  onSearch?: (q: string) => void;
  filters?: ReactNode;
  rows: ResourceRows<T>;
  /** Field naming a row: the table's row key and the end of its test ids (default `id`). */
  rowKey?: keyof T & string;
  /** Every column but the actions. */
  columns: TableColumnsType<T>;
  /** May add records and act on every row. */
  canManage: boolean;
  addText?: string;
  form: ResourceForm<T, S>;
  rowActions: ResourceRowActions<T, S>;
  table?: Pick<TableProps<T>, 'scroll' | 'expandable' | 'footer'>;
}

export function ResourceTablePage<T extends { active: boolean }, S>({
  title,
  intro,
  notice,
  testIdPrefix: prefix,
  list,
  onSearch,
  filters,
  rows,
  rowKey = 'id' as keyof T & string,
  columns,
  canManage,
  addText,
  form,
  rowActions,
  table,
}: ResourceTablePageProps<T, S>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [formState, setFormState] = useState<S | null>(null);

  const paged = 'paged' in rows ? rows.paged : null;
  const query = 'paged' in rows ? rows.paged : rows.query;
  const items = 'paged' in rows ? (rows.paged.data?.items ?? []) : rows.items;
  const keyOf = (row: T) => String(row[rowKey]);

  const allColumns: TableColumnsType<T> = [...columns];
  const { canEdit, extra } = rowActions;
  if (canManage || canEdit) {
    allColumns.push({
      title: t('common.actions'),
      key: 'actions',
      width: rowActions.width ?? 160,
      ...(rowActions.fixed ? { fixed: rowActions.fixed } : {}),
      render: (_: unknown, row) => {
        const editable = canEdit ? canEdit(row) : true;
        return (
          <Space size={0} wrap={!!extra}>
            {editable && (
              <Button type="link" size="small" onClick={() => setFormState(form.edit(row))} data-testid={`${prefix}-edit-${keyOf(row)}`}>
                {t('common.edit')}
              </Button>
            )}
            {extra?.(row, setFormState)}
            {editable && (
              <ToggleActiveButton
                testId={`${prefix}-toggle-${keyOf(row)}`}
                name={rowActions.name(row)}
                active={row.active}
                reloadKey={rowActions.reloadKey}
                onToggle={(active) => rowActions.onToggle(row, active)}
              />
            )}
          </Space>
        );
      },
    });
  }

  const add = form.add;
  return (
    <>
      <PageHeader title={title} intro={intro} />
      {notice}
      <ListToolbar
        testIdPrefix={prefix}
        q={list.q}
        onSearch={onSearch ?? ((q) => list.update({ q }))}
        includeInactive={list.includeInactive}
        onIncludeInactive={(value) => list.update({ includeInactive: value })}
        filters={filters}
        actions={
          canManage &&
          add !== undefined && (
            <Button type="primary" onClick={() => setFormState(add)} data-testid={`${prefix}-add`}>
              {addText}
            </Button>
          )
        }
      />
      {query.error && <Alert type="error" showIcon role="alert" title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<T>
        rowKey={rowKey}
        columns={allColumns}
        dataSource={items}
        loading={query.isFetching}
        pagination={paged ? tablePagination(list, paged.data?.total, t) : false}
        size="middle"
        {...table}
        data-testid={`${prefix}-table`}
      />
      {formState !== null && form.render(formState, () => setFormState(null))}
    </>
  );
}
