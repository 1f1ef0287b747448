/**
 * The only place that registers ECharts parts: importing from `echarts/core` and registering
 * only what the strip and the overview use keeps the bundle small (tree-shaking). The SVG
 * renderer draws lines crisply at any zoom and keeps labels as DOM text, which screen
 * readers and end-to-end tests can read. Keep this list in step with src/shared/charts/types.ts
 * and, for the research workbench's charts (heatmap, legend, tooltip, visual map),
 * src/shared/charts/research/types.ts.
 */
import { use } from 'echarts/core';
import { HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, ScatterChart, HeatmapChart, GridComponent, GraphicComponent, LegendComponent, TooltipComponent, VisualMapContinuousComponent, SVGRenderer]);

export { init, type ECharts } from 'echarts/core';
