import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the views draw is bundled. SVG, not canvas: labels and bars are
// DOM nodes, crisp when printed and reachable by a browser test's real click.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartClick {
  /** The category clicked (a bar's or an axis label's), e.g. a town name. */
  readonly name: string;
}

/** One ECharts instance bound to a div; the option is replaced whole on change. */
export function Chart({
  option,
  height = 320,
  onClick,
  label,
}: {
  readonly option: ChartOption;
  readonly height?: number;
  readonly onClick?: (click: ChartClick) => void;
  readonly label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params: { name?: string; value?: unknown; componentType?: string }) => {
      // A bar gives its category as `name`; an axis label (triggerEvent) as `value`.
      const name = params.componentType === 'xAxis' ? String(params.value ?? '') : (params.name ?? '');
      if (name) click.current?.({ name });
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
