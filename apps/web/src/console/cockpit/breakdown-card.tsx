/** One breakdown: a chart and, beside it, the lines as links to their cases. */
import { Card, Empty, Table } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EChart } from './echart';
import { drillDownPath, type BreakdownLine, type DrillDown, type StatsFilters } from './stats-api';

export function BreakdownCard(props: {
  title: string;
  lines: readonly BreakdownLine[];
  option: EChartsCoreOption;
  filters: StatsFilters;
  drill: (line: BreakdownLine) => DrillDown | null;
  testId: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { title, lines, option, filters, drill, testId } = props;
  const percent = (rate: number | null) => (rate === null ? t('cockpit.none') : `${Math.round(rate * 1000) / 10}%`);
  return (
    <Card size="small" title={title} data-testid={testId}>
      {lines.length === 0 ? (
        <Empty description={t('cockpit.empty')} />
      ) : (
        <>
          <EChart
            option={option}
            height={220}
            label={title}
            onClick={(event) => {
              const line = lines.find((l) => l.name === event.name);
              const what = line ? drill(line) : null;
              if (what) void navigate(drillDownPath(filters, what));
            }}
          />
          <Table
            size="small"
            pagination={false}
            rowKey={(line) => line.id ?? '-'}
            dataSource={lines.slice(0, 8)}
            columns={[
              {
                title: t('cockpit.columns.name'),
                dataIndex: 'name',
                ellipsis: true,
                render: (name: string, line) => {
                  const what = drill(line);
                  return what ? <Link to={drillDownPath(filters, what)}>{name}</Link> : name;
                },
              },
              { title: t('cockpit.columns.received'), dataIndex: 'received', width: 64, align: 'right' },
              { title: t('cockpit.columns.closed'), dataIndex: 'closed', width: 64, align: 'right' },
              { title: t('cockpit.columns.satisfaction'), dataIndex: 'satisfactionRate', width: 80, align: 'right', render: percent },
            ]}
          />
        </>
      )}
    </Card>
  );
}
