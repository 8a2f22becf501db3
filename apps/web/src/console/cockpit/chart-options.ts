/**
 * ECharts options of the cockpit and the big screen, as pure functions of the figures
 * (one palette, readable on light and dark backgrounds).
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { BreakdownLine, Overview } from './stats-api';

/** Colours that keep their contrast on white and on the screen's dark blue. */
export const PALETTE = ['#1677ff', '#13a8a8', '#fa8c16', '#722ed1', '#eb2f96', '#52c41a', '#faad14', '#2f54eb', '#a0d911', '#f5222d'];

interface Theme {
  text: string;
  axis: string;
  fontSize: number;
}

/** Light (console) or dark (big screen) text colours. */
export function themeOf(dark: boolean, fontSize = 14): Theme {
  return dark ? { text: '#e6f4ff', axis: '#5b7bb0', fontSize } : { text: '#262626', axis: '#d9d9d9', fontSize };
}

/** Received and closed per day or month. */
export function trendOption(trend: Overview['trend'], names: { received: string; closed: string }, theme: Theme): EChartsCoreOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    // On top, above the plot (ECharts 6 puts legends at the bottom, over the axis labels).
    legend: { top: 0, data: [names.received, names.closed], textStyle: { color: theme.text, fontSize: theme.fontSize } },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: {
      type: 'category',
      data: trend.map((b) => b.period),
      axisLabel: { color: theme.text, fontSize: theme.fontSize },
      axisLine: { lineStyle: { color: theme.axis } },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: theme.text, fontSize: theme.fontSize }, splitLine: { lineStyle: { color: theme.axis } } },
    series: [
      { name: names.received, type: 'line', smooth: true, areaStyle: { opacity: 0.15 }, data: trend.map((b) => b.received) },
      { name: names.closed, type: 'line', smooth: true, data: trend.map((b) => b.closed) },
    ],
  };
}

/** The largest lines as horizontal bars (largest on top). */
export function barOption(lines: readonly BreakdownLine[], theme: Theme, top = 10): EChartsCoreOption {
  const shown = lines.slice(0, top).reverse();
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: theme.text, fontSize: theme.fontSize }, splitLine: { lineStyle: { color: theme.axis } } },
    yAxis: { type: 'category', data: shown.map((l) => l.name), axisLabel: { color: theme.text, fontSize: theme.fontSize, width: 120, overflow: 'truncate' } },
    series: [{ type: 'bar', data: shown.map((l) => l.received), label: { show: true, position: 'right', color: theme.text, fontSize: theme.fontSize } }],
  };
}

/** Shares as a ring. */
export function pieOption(lines: readonly BreakdownLine[], theme: Theme): EChartsCoreOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', bottom: 0, textStyle: { color: theme.text, fontSize: theme.fontSize } },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '44%'],
        label: { color: theme.text, fontSize: theme.fontSize, formatter: '{b}\n{c}' },
        data: lines.map((l) => ({ name: l.name, value: l.received })),
      },
    ],
  };
}

/** Red (0%) through amber to green (100%); grey when nobody rated. */
export function satisfactionColour(rate: number | null): string {
  if (rate === null) return '#8c8c8c';
  if (rate >= 0.9) return '#52c41a';
  if (rate >= 0.75) return '#a0d911';
  if (rate >= 0.6) return '#faad14';
  return '#f5222d';
}
