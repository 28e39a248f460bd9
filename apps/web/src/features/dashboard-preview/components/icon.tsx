import {
  mdiBellAlertOutline,
  mdiChartBar,
  mdiChartGantt,
  mdiChartHistogram,
  mdiChartLine,
  mdiChartPie,
  mdiChartTimeline,
  mdiFire,
  mdiFormatListText,
  mdiGauge,
  mdiGrid,
  mdiLanguageMarkdown,
  mdiNumeric,
  mdiShapeOutline,
  mdiTable,
} from '@mdi/js';
import type { PanelFamily } from '@perses-cm/resources';

/** A Material Design icon (the set Perses's own UI draws with), sized to the text around it. */
export function Icon({
  path,
  size = 16,
  className,
}: {
  path: string;
  size?: number;
  className?: string;
}) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" className={className}>
      <path d={path} fill="currentColor" />
    </svg>
  );
}

const FAMILY_ICONS: Record<PanelFamily, string> = {
  'time-series': mdiChartLine,
  bar: mdiChartBar,
  stat: mdiNumeric,
  gauge: mdiGauge,
  table: mdiTable,
  markdown: mdiLanguageMarkdown,
  logs: mdiFormatListText,
  traces: mdiChartGantt,
  profiles: mdiFire,
  heatmap: mdiGrid,
  histogram: mdiChartHistogram,
  pie: mdiChartPie,
  status: mdiChartTimeline,
  alerts: mdiBellAlertOutline,
  other: mdiShapeOutline,
};

export function FamilyIcon({ family, size }: { family: PanelFamily; size?: number }) {
  return (
    <Icon path={FAMILY_ICONS[family]} size={size} className={`dp-family dp-family-${family}`} />
  );
}
