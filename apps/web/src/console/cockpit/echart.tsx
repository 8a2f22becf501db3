/**
 * A React wrapper around ECharts (tree-shaken: line, bar and pie charts, SVG
 * renderer). The chart is decorative for screen readers: every chart on the cockpit has
 * its figures in text or a table next to it, so the chart itself carries an aria-label.
 */
import { useEffect, useRef } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** What a click on a chart element tells its owner. */
export interface ChartClick {
  name: string;
  dataIndex: number;
  data: unknown;
}

/** One chart. */
export function EChart(props: { option: EChartsCoreOption; height: number; label: string; onClick?: (event: ChartClick) => void; testId?: string }) {
  const { option, height, label, onClick, testId } = props;
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;

  useEffect(() => {
    if (!element.current) return undefined;
    let instance: echarts.ECharts;
    try {
      instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    } catch {
      // No layout engine (e.g. a test DOM): the figures are shown in text anyway.
      return undefined;
    }
    chart.current = instance;
    instance.on('click', (params) => clickHandler.current?.({ name: String(params.name), dataIndex: params.dataIndex, data: params.data }));
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    try {
      chart.current?.setOption(option, { notMerge: true });
    } catch {
      // A chart that cannot draw must not take the page with it.
    }
  }, [option]);

  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} data-testid={testId} />;
}
