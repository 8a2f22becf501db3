/** Search box, "show inactive" toggle, extra filters and the page's main actions. */
import type { ReactNode } from 'react';
import { Checkbox, Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Prefix of the test ids: `<prefix>-search`, `<prefix>-include-inactive`. */
  testIdPrefix: string;
  q: string;
  onSearch: (q: string) => void;
  includeInactive: boolean;
  onIncludeInactive: (value: boolean) => void;
  filters?: ReactNode;
  actions?: ReactNode;
}

export function ListToolbar({ testIdPrefix, q, onSearch, includeInactive, onIncludeInactive, filters, actions }: Props) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap="small" align="center" justify="space-between" className="list-toolbar">
      <Flex wrap gap="small" align="center" role="search">
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          placeholder={t('common.searchPlaceholder')}
          aria-label={t('common.search')}
          onSearch={(value) => onSearch(value.trim())}
          style={{ width: 260 }}
          data-testid={`${testIdPrefix}-search`}
        />
        {filters}
        <Checkbox
          checked={includeInactive}
          onChange={(e) => onIncludeInactive(e.target.checked)}
          data-testid={`${testIdPrefix}-include-inactive`}
        >
          {t('common.showInactive')}
        </Checkbox>
      </Flex>
      {actions && (
        <Flex wrap gap="small">
          {actions}
        </Flex>
      )}
    </Flex>
  );
}
