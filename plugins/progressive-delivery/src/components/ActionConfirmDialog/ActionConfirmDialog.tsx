import { useEffect, useMemo, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  defaultRollbackRevision,
  describeActionEffect,
  rollbackTargets,
  RolloutAction,
  RolloutInfo,
  RolloutStepsDescription,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ActionFailure, RolloutActionOptions } from '../../hooks';
import { RollbackRevisionSelect } from './RollbackRevisionSelect';

/**
 * Confirms one action: states its exact effect, asks for a reason (and, for a rollback, which
 * revision to go back to), shows progress while it runs and explains a refusal (403, 409, 503)
 * without closing.
 * @public
 */
export function ActionConfirmDialog(props: {
  open: boolean;
  action: RolloutAction;
  label: string;
  cluster: string;
  info: RolloutInfo;
  steps?: RolloutStepsDescription;
  running: boolean;
  failure?: ActionFailure;
  onConfirm: (reason: string, options: RolloutActionOptions) => void;
  onClose: () => void;
}) {
  const { open, action, info, steps, running, failure } = props;
  const [reason, setReason] = useState('');
  const [picked, setPicked] = useState<number>();
  useEffect(() => {
    if (open) {
      setReason('');
      setPicked(undefined);
    }
  }, [open, action]);
  const isRollback = action === 'rollback';
  const targets = useMemo(
    () => (isRollback ? rollbackTargets(info) : []),
    [isRollback, info],
  );
  // A refetch may drop the picked revision: fall back to the default rather than send a stale one.
  const revision = targets.some(t => t.revision === picked)
    ? picked
    : defaultRollbackRevision(info, targets);
  const options: RolloutActionOptions = isRollback ? { revision } : {};
  const effect = describeActionEffect(info, steps, action, options);
  const cannotRollBack = isRollback && revision === undefined;
  const titleId = `pd-confirm-${action}-title`;
  return (
    <Dialog
      open={open}
      onClose={running ? undefined : props.onClose}
      aria-labelledby={titleId}
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id={titleId}>{effect.title}?</DialogTitle>
      <DialogContent>
        <Typography variant="body1" paragraph data-testid="action-effect">
          This will {effect.effect}.
        </Typography>
        {isRollback && (
          <RollbackRevisionSelect
            targets={targets}
            value={revision}
            disabled={running}
            onChange={setPicked}
          />
        )}
        <Typography variant="body2" color="textSecondary" paragraph>
          Rollout {info.namespace}/{info.name} in cluster {props.cluster}, now{' '}
          {info.status}
          {info.step ? ` at step ${info.step}` : ''}. If it changes before the
          action reaches the cluster, nothing is done.
        </Typography>
        <TextField
          label="Reason"
          helperText="Recorded in the audit trail"
          value={reason}
          onChange={e => setReason(e.target.value)}
          fullWidth
          required
          disabled={running}
          inputProps={{ 'aria-label': 'Reason' }}
        />
        {running && (
          <LinearProgress
            style={{ marginTop: 16 }}
            aria-label={`${props.label} in progress`}
          />
        )}
        {failure && (
          <Alert
            severity={failure.kind === 'unavailable' ? 'warning' : 'error'}
            style={{ marginTop: 16 }}
            role="alert"
          >
            <AlertTitle>{failure.title}</AlertTitle>
            {failure.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={running}>
          {failure ? 'Close' : 'Cancel'}
        </Button>
        <Button
          color={effect.disruptive ? 'secondary' : 'primary'}
          variant="contained"
          disabled={running || reason.trim() === '' || cannotRollBack}
          onClick={() => props.onConfirm(reason.trim(), options)}
        >
          {running
            ? 'Working…'
            : `Confirm ${props.label.toLocaleLowerCase('en-US')}`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
