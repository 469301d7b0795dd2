import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';

/** The windows the scorecard offers; the backend accepts 1 to 90 days. */
export const SCORECARD_WINDOWS = [7, 30, 90] as const;

/** The default window of the scorecard views. */
export const DEFAULT_SCORECARD_DAYS = 30;

/**
 * Picks the window (7, 30 or 90 days) for outcomes, history and trends.
 * @public
 */
export function ScorecardWindowSelector(props: {
  days: number;
  onChange: (days: number) => void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.days}
      onChange={(_, value: number | null) => {
        // Clicking the selected button again would clear it: keep a window selected.
        if (value !== null) props.onChange(value);
      }}
      aria-label="Window"
    >
      {SCORECARD_WINDOWS.map(days => (
        <ToggleButton key={days} value={days} aria-label={`Last ${days} days`}>
          {days} days
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
