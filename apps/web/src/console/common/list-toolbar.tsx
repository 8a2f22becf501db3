/** Search box, "show inactive" toggle, extra filters and the page's main actions. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Input, Space } from 'antd';
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
        <SearchBox key={q} initial={q} onSearch={onSearch} testId={`${testIdPrefix}-search`} />
        {filters}
        <Checkbox checked={includeInactive} onChange={(e) => onIncludeInactive(e.target.checked)} data-testid={`${testIdPrefix}-include-inactive`}>
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

/** Text box + button; Enter or the button searches, clearing the box searches for everything. */
export function SearchBox({ initial, onSearch, testId }: { initial: string; onSearch: (q: string) => void; testId: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  return (
    <Space.Compact style={{ width: 280 }}>
      <Input
        type="search"
        value={text}
        allowClear
        placeholder={t('common.searchPlaceholder')}
        aria-label={t('common.search')}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value === '' && initial !== '') onSearch('');
        }}
        onPressEnter={() => onSearch(text.trim())}
        data-testid={testId}
      />
      <Button icon={<SearchOutlined />} aria-label={t('common.search')} onClick={() => onSearch(text.trim())} data-testid={`${testId}-submit`} />
    </Space.Compact>
  );
}
