import { ReactNode } from 'react';
import { useTheme } from '@material-ui/core/styles';
import { PlotArea } from './plotArea';

/**
 * The SVG of a small chart: described for screen readers, with its two axes and labelled y
 * ticks; the series are drawn as children using the area's scales.
 */
export function ChartFrame(props: {
  area: PlotArea;
  label: string;
  yTicks: number[];
  formatTick?: (value: number) => string | number;
  children: ReactNode;
}) {
  const theme = useTheme();
  const { area, label, yTicks, formatTick = v => v, children } = props;
  const { width, height } = area.box;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width }}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <line
        x1={area.left}
        x2={area.left}
        y1={area.top}
        y2={area.bottom}
        stroke={theme.palette.divider}
      />
      <line
        x1={area.left}
        x2={area.right}
        y1={area.bottom}
        y2={area.bottom}
        stroke={theme.palette.divider}
      />
      {yTicks.map(v => (
        <text
          key={`y-${v}`}
          x={area.left - 4}
          y={area.y(v) + 4}
          textAnchor="end"
          fontSize={10}
          fill={theme.palette.text.secondary}
        >
          {formatTick(v)}
        </text>
      ))}
      {children}
    </svg>
  );
}
