import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  humanDuration,
  RollbackTarget,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** `revision 30 · registry/app:1.2 · 3d old · stable`: what tells revisions apart. */
export function rollbackTargetLabel(
  target: RollbackTarget,
  now: number,
): string {
  const created = target.createdAt ? Date.parse(target.createdAt) : NaN;
  return [
    `Revision ${target.revision}`,
    target.images.length ? target.images.join(', ') : 'no image recorded',
    Number.isNaN(created) ? undefined : `${humanDuration(now - created)} old`,
    target.tags.length ? target.tags.join(', ') : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Picks the revision a rollback goes back to: a native select (keyboard and screen-reader
 * friendly) of the revisions that still have a ReplicaSet, newest first.
 */
export function RollbackRevisionSelect(props: {
  targets: RollbackTarget[];
  value?: number;
  disabled?: boolean;
  onChange: (revision: number) => void;
}) {
  const { targets, value, disabled, onChange } = props;
  if (targets.length === 0) {
    return (
      <Typography variant="body2" color="error" paragraph role="alert">
        No earlier revision still has a ReplicaSet, so there is nothing to roll
        back to. Raise <code>spec.revisionHistoryLimit</code> to keep more.
      </Typography>
    );
  }
  const now = Date.now();
  return (
    <TextField
      select
      id="pd-rollback-revision"
      label="Roll back to"
      helperText="Revisions that still have a ReplicaSet, newest first"
      value={value ?? ''}
      onChange={e => onChange(Number(e.target.value))}
      SelectProps={{ native: true }}
      fullWidth
      disabled={disabled}
      margin="normal"
    >
      {targets.map(t => (
        <option key={t.revision} value={t.revision}>
          {rollbackTargetLabel(t, now)}
        </option>
      ))}
    </TextField>
  );
}
