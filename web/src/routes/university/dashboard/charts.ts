import { BarChart, LineChart, PieChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import type {
  AriaComponentOption,
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import type { ComposeOption, ECElementEvent, EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { intentStateLabels } from '@panhuo/domain/intents/state';
import type { Dashboard } from '@panhuo/domain/university/figures';
import { catalogueHref, evaluationsHref, intentsHref } from './links';

/**
 * The 数据看板's charts, drawn with Apache ECharts in the browser only: this module is imported
 * dynamically by the page (never on the server, never by another page), with just the charts and
 * components it uses, and the SVG renderer (crisp at any zoom, and each mark an element in the page).
 * A click on a bar, slice or point opens the list behind it, as the figure's link does.
 */
use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  AriaComponent,
  SVGRenderer,
]);

type Option = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
  | AriaComponentOption
>;

/** The elements the charts are drawn into. */
export interface ChartHosts {
  stars: HTMLElement;
  intents: HTMLElement;
  industries: HTMLElement;
  months: HTMLElement;
}

const palette = ['#1f5fae', '#2f9e8f', '#e0a020', '#c2410c'];
const base = { color: palette, aria: { enabled: true }, animationDuration: 300 } satisfies Option;

function starsOption(dashboard: Dashboard): Option {
  return {
    ...base,
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: ['1星', '2星', '3星', '4星', '5星'] },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: '企业评价', data: dashboard.figures.evaluated.starCounts, barMaxWidth: 36 },
    ],
  };
}

function intentsOption(dashboard: Dashboard): Option {
  return {
    ...base,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        name: '合作意向',
        radius: ['40%', '68%'],
        center: ['50%', '44%'],
        data: dashboard.figures.intents.byState
          .filter((row) => row.count > 0)
          .map((row) => ({ name: intentStateLabels[row.state], value: row.count, state: row.state })),
      },
    ],
  };
}

function industriesOption(dashboard: Dashboard): Option {
  const rows = dashboard.byIndustry;
  return {
    ...base,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 150, right: 24, top: 32, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.name) },
    series: [
      { type: 'bar', name: '登记', data: rows.map((row) => row.registered), barMaxWidth: 18 },
      { type: 'bar', name: '已推送', data: rows.map((row) => row.pushed), barMaxWidth: 18 },
      { type: 'bar', name: '企业已评', data: rows.map((row) => row.evaluated), barMaxWidth: 18 },
    ],
  };
}

function monthsOption(dashboard: Dashboard): Option {
  const rows = dashboard.byMonth;
  const series = (name: string, pick: (row: Dashboard['byMonth'][number]) => number): LineSeriesOption => ({
    type: 'line',
    name,
    smooth: true,
    symbolSize: 6,
    data: rows.map(pick),
  });
  return {
    ...base,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 32, bottom: 64 },
    xAxis: { type: 'category', data: rows.map((row) => row.month) },
    yAxis: { type: 'value', minInterval: 1 },
    dataZoom: [{ type: 'slider', start: rows.length > 24 ? 100 - (24 / rows.length) * 100 : 0, end: 100 }],
    series: [
      series('登记', (row) => row.registered),
      series('推送', (row) => row.pushed),
      series('企业评价', (row) => row.evaluated),
      series('合作意向', (row) => row.intents),
    ],
  };
}

/** Where a click on a mark of one chart leads. */
function targetOf(chart: keyof ChartHosts, dashboard: Dashboard, event: ECElementEvent): string | null {
  if (chart === 'stars') return evaluationsHref({ stars: event.dataIndex + 1 });
  if (chart === 'intents') {
    const state = (event.data as { state?: Dashboard['figures']['intents']['byState'][number]['state'] })
      .state;
    return state ? intentsHref({ state }) : null;
  }
  if (chart === 'industries') {
    const row = dashboard.byIndustry[event.dataIndex];
    return row ? catalogueHref(dashboard.institutionId, { industry: row.code }) : null;
  }
  const month = dashboard.byMonth[event.dataIndex]?.month;
  if (!month) return null;
  if (event.seriesName === '企业评价') return evaluationsHref({ month });
  if (event.seriesName === '合作意向') return intentsHref({ month });
  return catalogueHref(dashboard.institutionId, { month });
}

/**
 * Draws the four charts and wires their clicks to `navigate`; returns what undoes it (the page calls it
 * when it is left).
 */
export function drawDashboard(
  hosts: ChartHosts,
  dashboard: Dashboard,
  navigate: (href: string) => void,
): () => void {
  const options: Record<keyof ChartHosts, Option> = {
    stars: starsOption(dashboard),
    intents: intentsOption(dashboard),
    industries: industriesOption(dashboard),
    months: monthsOption(dashboard),
  };
  const charts: EChartsType[] = [];
  for (const key of Object.keys(hosts) as (keyof ChartHosts)[]) {
    const chart = init(hosts[key], null, { renderer: 'svg', locale: 'ZH' });
    chart.setOption(options[key]);
    chart.on('click', (event) => {
      const href = targetOf(key, dashboard, event);
      if (href) navigate(href);
    });
    charts.push(chart);
  }
  const resize = () => charts.forEach((chart) => chart.resize());
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    charts.forEach((chart) => chart.dispose());
  };
}
