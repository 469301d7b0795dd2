import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { ScorecardHistoryPoint } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import {
  dayTime,
  describeHistory,
  levelChanges,
  stepPath,
} from './historyMath';
import { ChartBox, ChartFrame, plotArea } from '../SvgChart';

const BOX: ChartBox = {
  width: 480,
  height: 140,
  pad: { left: 32, right: 12, top: 20, bottom: 24 },
};

/**
 * The score per day as a small step chart (plain SVG): passing checks as a solid line, applicable
 * checks as a dashed ceiling, and the level written where it changes.
 * @public
 */
export function ScorecardHistoryChart(props: {
  history: ScorecardHistoryPoint[];
}) {
  const theme = useTheme();
  const history = props.history.filter(p => !Number.isNaN(dayTime(p.day)));
  if (history.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No score history yet: the backend records one point a day.
      </Typography>
    );
  }
  const times = history.map(p => dayTime(p.day));
  const xMin = Math.min(...times);
  const xMax = Math.max(...times);
  const yMax = Math.max(1, ...history.map(p => p.applicable));
  const area = plotArea(BOX, [xMin, xMax], [0, yMax]);
  const { x, y } = area;
  const passed = history.map((p, i) => ({ x: x(times[i]), y: y(p.passed) }));
  const applicable = history.map((p, i) => ({
    x: x(times[i]),
    y: y(p.applicable),
  }));
  const label = describeHistory(history);
  const muted = theme.palette.text.secondary;
  const line = theme.palette.primary.main;

  return (
    <ChartFrame area={area} label={label} yTicks={[0, yMax]}>
      <path
        d={stepPath(applicable)}
        fill="none"
        stroke={muted}
        strokeDasharray="4 3"
        data-testid="applicable-line"
      />
      <path
        d={stepPath(passed)}
        fill="none"
        stroke={line}
        strokeWidth={2}
        data-testid="passed-line"
      />
      {history.map((p, i) => (
        <circle
          key={p.day}
          cx={passed[i].x}
          cy={passed[i].y}
          r={3}
          fill={line}
          data-day={p.day}
        >
          <title>{`${p.day}: ${p.passed} of ${p.applicable} checks passing, level ${p.level}`}</title>
        </circle>
      ))}
      {levelChanges(history).map(p => (
        <text
          key={`level-${p.day}`}
          x={x(dayTime(p.day))}
          y={y(p.passed) - 6}
          // Labels near the right edge grow leftwards so they are not cut off.
          textAnchor={
            x(dayTime(p.day)) > area.left + area.width * 0.8 ? 'end' : 'start'
          }
          fontSize={10}
          fill={theme.palette.text.primary}
          data-testid="level-change"
        >
          {p.level}
        </text>
      ))}
      <text
        x={history.length === 1 ? passed[0].x : area.left}
        y={BOX.height - 6}
        textAnchor={history.length === 1 ? 'middle' : 'start'}
        fontSize={10}
        fill={muted}
      >
        {history[0].day}
      </text>
      {history.length > 1 && (
        <text
          x={area.right}
          y={BOX.height - 6}
          textAnchor="end"
          fontSize={10}
          fill={muted}
        >
          {history[history.length - 1].day}
        </text>
      )}
    </ChartFrame>
  );
}
