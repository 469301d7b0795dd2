import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { SloBurnRateTierStatus } from '@pdelivery/backstage-plugin-progressive-delivery-common';

const useStyles = makeStyles((theme: Theme) => ({
  firing: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  pending: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  quiet: {},
}));

/** Label and tone of a tier's state; without Pyrra's alerts, whether both windows exceed it. */
export function alertStateOf(tier: SloBurnRateTierStatus): {
  label: string;
  tone: 'firing' | 'pending' | 'quiet';
  explanation: string;
} {
  switch (tier.alertState) {
    case 'firing':
      return {
        label: 'Firing',
        tone: 'firing',
        explanation: 'The alert is firing.',
      };
    case 'pending':
      return {
        label: 'Pending',
        tone: 'pending',
        explanation: `Both windows are above the threshold; the alert fires after ${tier.for}.`,
      };
    case 'inactive':
      return {
        label: 'Inactive',
        tone: 'quiet',
        explanation: 'The alert is not active.',
      };
    default:
      // Pyrra's rules are not installed: no ALERTS series, only what the numbers say.
      return tier.exceeded
        ? {
            label: 'Exceeded',
            tone: 'firing',
            explanation:
              'Both windows are above the threshold. No Pyrra alert rules were found, so no alert fires.',
          }
        : {
            label: 'Below threshold',
            tone: 'quiet',
            explanation:
              'No Pyrra alert rules were found; the state is computed from the burn rates.',
          };
  }
}

/** The alert state of a burn-rate tier as a chip with its state written out (not only colour). */
export function AlertStateChip(props: { tier: SloBurnRateTierStatus }) {
  const classes = useStyles();
  const state = alertStateOf(props.tier);
  return (
    <Chip
      size="small"
      label={state.label}
      variant={state.tone === 'quiet' ? 'outlined' : 'default'}
      className={classes[state.tone]}
      title={state.explanation}
      data-testid="alert-state"
    />
  );
}
