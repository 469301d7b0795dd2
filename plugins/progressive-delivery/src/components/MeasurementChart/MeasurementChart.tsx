import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { AnalysisMetricDetail } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import {
  conditionThreshold,
  domainOf,
  parseMeasurementValue,
} from './chartMath';

const WIDTH = 480;
const HEIGHT = 160;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

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
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (v: number) =>
    PAD.left +
    (xMax === xMin ? plotW / 2 : ((v - xMin) / (xMax - xMin)) * plotW);
  const y = (v: number) => PAD.top + (1 - (v - yMin) / (yMax - yMin)) * plotH;

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
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(xs[i])},${y(p.value)}`)
    .join(' ');
  const label = `${metric.name}: ${points
    .map(p => `${p.raw ?? p.value} (${p.phase})`)
    .join(', ')}${
    metric.successCondition ? `; success when ${metric.successCondition}` : ''
  }${
    metric.failureCondition ? `; failure when ${metric.failureCondition}` : ''
  }`;

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      style={{ maxWidth: WIDTH }}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <line
        x1={PAD.left}
        x2={PAD.left}
        y1={PAD.top}
        y2={PAD.top + plotH}
        stroke={theme.palette.divider}
      />
      <line
        x1={PAD.left}
        x2={PAD.left + plotW}
        y1={PAD.top + plotH}
        y2={PAD.top + plotH}
        stroke={theme.palette.divider}
      />
      {[yMin, yMax].map(v => (
        <text
          key={`y-${v}`}
          x={PAD.left - 4}
          y={y(v) + 4}
          textAnchor="end"
          fontSize={10}
          fill={theme.palette.text.secondary}
        >
          {Number(v.toPrecision(3))}
        </text>
      ))}
      {success !== undefined && (
        <g data-testid="success-threshold">
          <line
            x1={PAD.left}
            x2={PAD.left + plotW}
            y1={y(success)}
            y2={y(success)}
            stroke={phaseColor('Successful')}
            strokeDasharray="4 3"
          />
          <text
            x={PAD.left + plotW}
            y={y(success) - 3}
            textAnchor="end"
            fontSize={10}
            fill={phaseColor('Successful')}
          >
            success: {metric.successCondition}
          </text>
        </g>
      )}
      {failure !== undefined && (
        <g data-testid="failure-threshold">
          <line
            x1={PAD.left}
            x2={PAD.left + plotW}
            y1={y(failure)}
            y2={y(failure)}
            stroke={phaseColor('Failed')}
            strokeDasharray="2 2"
          />
          <text
            x={PAD.left + plotW}
            y={y(failure) + 11}
            textAnchor="end"
            fontSize={10}
            fill={phaseColor('Failed')}
          >
            failure: {metric.failureCondition}
          </text>
        </g>
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
            x={PAD.left}
            y={HEIGHT - 8}
            fontSize={10}
            fill={theme.palette.text.secondary}
          >
            {new Date(xMin).toLocaleTimeString()}
          </text>
          <text
            x={PAD.left + plotW}
            y={HEIGHT - 8}
            textAnchor="end"
            fontSize={10}
            fill={theme.palette.text.secondary}
          >
            {new Date(xMax).toLocaleTimeString()}
          </text>
        </>
      )}
    </svg>
  );
}
