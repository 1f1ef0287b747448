/**
 * Binds an ECharts instance to an element: created on mount (SVG renderer) at the given
 * size, given each new option whole (`notMerge`, so that series which disappear, such as a
 * beat class absent from the next page, are removed), resized when the size changes,
 * disposed with the component.
 */
import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue';
import type { EChartsCoreOption } from 'echarts/core';
import { init, type ECharts } from '../modules/echarts';
import type { EcOption } from '../../../shared/charts/types';

/** Binds a chart (see the file header); `O` is the builder's option type (EcOption, or the research charts' ResearchOption). */
export function useEcgChart<O extends EChartsCoreOption = EcOption>(el: Ref<HTMLElement | null>, option: Ref<O | null>, size: Ref<{ widthPx: number; heightPx: number }>) {
  const chart = shallowRef<ECharts | null>(null);

  function render(): void {
    if (chart.value && option.value) chart.value.setOption(option.value, { notMerge: true });
  }

  onMounted(() => {
    if (!el.value) return;
    const { widthPx, heightPx } = size.value;
    chart.value = init(el.value, null, { renderer: 'svg', width: Math.max(1, widthPx), height: Math.max(1, heightPx) });
    render();
  });

  watch(size, ({ widthPx, heightPx }, old) => {
    if (old && old.widthPx === widthPx && old.heightPx === heightPx) return;
    chart.value?.resize({ width: Math.max(1, widthPx), height: Math.max(1, heightPx) });
    render();
  });
  watch(option, render);

  onBeforeUnmount(() => {
    chart.value?.dispose();
    chart.value = null;
  });

  return { chart };
}
