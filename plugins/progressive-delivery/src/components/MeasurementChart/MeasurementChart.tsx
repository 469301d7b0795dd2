import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { AnalysisMetricDetail } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import {
  conditionThreshold,
  domainOf,
  parseMeasurementValue,
} from './chartMath';
import { ChartBox, ChartFrame, linePath, plotArea } from '../SvgChart';

const BOX: ChartBox = {
  width: 480,
  height: 160,
  pad: { left: 48, right: 12, top: 12, bottom: 28 },
};

/**
 * A metric's measurements over time (plain SVG), with its success and failure conditions drawn
 * as threshold lines; each point is coloured by the measurement's phase.
 * @public
 */
export function MeasurementChart(props: { metric: AnalysisMetricDetail }) {
  const theme = useTheme();
  const { metric } = props;
  const points = metric.measurements
    .map((m, i) => ({
      index: i,
      phase: m.phase,
      value: parseMeasurementValue(m.value),
      time: Date.parse(m.finishedAt ?? m.startedAt ?? ''),
      raw: m.value,
      at: m.finishedAt ?? m.startedAt,
    }))
    .filter((p): p is typeof p & { value: number } => p.value !== undefined);
  const success = conditionThreshold(metric.successCondition);
  const failure = conditionThreshold(metric.failureCondition);

  if (points.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No numeric measurements of {metric.name} yet.
      </Typography>
    );
  }

  const thresholds = [success, failure].filter(
    (t): t is number => t !== undefined,
  );
  const [yMin, yMax] = domainOf([...points.map(p => p.value), ...thresholds]);
  const times = points.map(p => p.time);
  const useTime = times.every(t => !Number.isNaN(t));
  const xs = useTime ? times : points.map(p => p.index);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const area = plotArea(BOX, [xMin, xMax], [yMin, yMax]);
  const { x, y } = area;

  const phaseColor = (phase: string) => {
    switch (phase) {
      case 'Successful':
        return theme.palette.success?.main ?? theme.palette.primary.main;
      case 'Failed':
        return theme.palette.error.main;
      case 'Error':
        return theme.palette.warning?.main ?? theme.palette.error.light;
      case 'Inconclusive':
        return theme.palette.info?.main ?? theme.palette.text.secondary;
      default:
        return theme.palette.text.secondary;
    }
  };
  const path = linePath(points.map((p, i) => ({ x: x(xs[i]), y: y(p.value) })));
  const label = `${metric.name}: ${points
    .map(p => `${p.raw ?? p.value} (${p.phase})`)
    .join(', ')}${
    metric.successCondition ? `; success when ${metric.successCondition}` : ''
  }${
    metric.failureCondition ? `; failure when ${metric.failureCondition}` : ''
  }`;

  return (
    <ChartFrame
      area={area}
      label={label}
      yTicks={[yMin, yMax]}
      formatTick={v => Number(v.toPrecision(3))}
    >
      {success !== undefined && (
        <ThresholdLine
          testId="success-threshold"
          left={area.left}
          right={area.right}
          y={y(success)}
          labelOffset={-3}
          color={phaseColor('Successful')}
          dash="4 3"
          label={`success: ${metric.successCondition}`}
        />
      )}
      {failure !== undefined && (
        <ThresholdLine
          testId="failure-threshold"
          left={area.left}
          right={area.right}
          y={y(failure)}
          labelOffset={11}
          color={phaseColor('Failed')}
          dash="2 2"
          label={`failure: ${metric.failureCondition}`}
        />
      )}
      <path d={path} fill="none" stroke={theme.palette.text.secondary} />
      {points.map((p, i) => (
        <circle
          key={p.index}
          cx={x(xs[i])}
          cy={y(p.value)}
          r={4}
          fill={phaseColor(p.phase)}
          data-phase={p.phase}
        >
          <title>{`${p.at ?? ''} ${p.raw ?? p.value}: ${p.phase}`}</title>
        </circle>
      ))}
      {useTime && (
        <>
          <text
            x={area.left}
            y={BOX.height - 8}
            fontSize={10}
            fill={theme.palette.text.secondary}
          >
            {new Date(xMin).toLocaleTimeString()}
          </text>
          <text
            x={area.right}
            y={BOX.height - 8}
            textAnchor="end"
            fontSize={10}
            fill={theme.palette.text.secondary}
          >
            {new Date(xMax).toLocaleTimeString()}
          </text>
        </>
      )}
    </ChartFrame>
  );
}

/** A dashed horizontal line across the plot with its condition written at the right end. */
function ThresholdLine(props: {
  testId: string;
  left: number;
  right: number;
  y: number;
  /** Label position relative to the line: negative above, positive below. */
  labelOffset: number;
  color: string;
  dash: string;
  label: string;
}) {
  const { left, right, y, color } = props;
  return (
    <g data-testid={props.testId}>
      <line
        x1={left}
        x2={right}
        y1={y}
        y2={y}
        stroke={color}
        strokeDasharray={props.dash}
      />
      <text
        x={right}
        y={y + props.labelOffset}
        textAnchor="end"
        fontSize={10}
        fill={color}
      >
        {props.label}
      </text>
    </g>
  );
}
