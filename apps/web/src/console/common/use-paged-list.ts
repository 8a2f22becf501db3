/** One page of a list endpoint as react-query data, and the table pagination that drives it. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import type { TFunction } from 'i18next';
import { createElement } from 'react';
import { fetchPage } from '../api';
import type { Query } from '../api';
import type { ListChanges } from './use-list-params';

/** Loads `path` with `apiQuery`; keeps the previous page on screen while the next loads. */
export function usePagedList<T>(resource: string, path: string, apiQuery: Query) {
  return useQuery({
    queryKey: [resource, 'list', apiQuery],
    queryFn: () => fetchPage<T>(path, apiQuery),
    placeholderData: keepPreviousData,
  });
}

/** antd pagination bound to the list state in the address bar. */
export function tablePagination(
  list: { page: number; pageSize: number; update: (changes: ListChanges) => void },
  total: number | undefined,
  t: TFunction,
  /** The total is a lower bound (a text search counted only its newest matches): shown as "1000+". */
  totalCapped = false,
): TablePaginationConfig {
  return {
    current: list.page,
    pageSize: list.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (count) =>
      totalCapped
        ? createElement('span', { title: t('common.totalCappedHint', { count }), 'data-testid': 'list-total-capped' }, t('common.totalCapped', { count }))
        : t('common.total', { count }),
    onChange: (page, pageSize) => list.update({ page: pageSize !== list.pageSize ? 1 : page, pageSize }),
  };
}
