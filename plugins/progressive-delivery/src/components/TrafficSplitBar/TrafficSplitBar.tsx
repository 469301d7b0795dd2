import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  ReplicaSetTag,
  RolloutInfo,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

const useStyles = makeStyles((theme: Theme) => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
  label: { minWidth: 64, color: theme.palette.text.secondary },
  bar: {
    flex: 1,
    display: 'flex',
    height: 20,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    border: `1px solid ${theme.palette.divider}`,
  },
  stable: {
    backgroundColor: theme.palette.primary.main,
    color: theme.palette.primary.contrastText,
  },
  canary: {
    backgroundColor: theme.palette.secondary.main,
    color: theme.palette.secondary.contrastText,
  },
  segment: {
    fontSize: theme.typography.caption.fontSize,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  },
}));

function revisionOf(info: RolloutInfo, tag: ReplicaSetTag): number | undefined {
  return info.revisions.find(r =>
    r.replicaSets.some(rs => rs.tags.includes(tag)),
  )?.revision;
}

function Bar(props: {
  label: string;
  parts: Array<{ name: string; weight: number; kind: 'stable' | 'canary' }>;
}) {
  const classes = useStyles();
  const description = props.parts.map(p => `${p.name} ${p.weight}%`).join(', ');
  return (
    <div className={classes.row}>
      <Typography variant="caption" className={classes.label}>
        {props.label}
      </Typography>
      <div
        className={classes.bar}
        role="img"
        aria-label={`${props.label} traffic: ${description}`}
      >
        {props.parts
          .filter(p => p.weight > 0)
          .map(p => (
            <div
              key={p.name}
              className={`${classes.segment} ${classes[p.kind]}`}
              style={{ width: `${p.weight}%` }}
              title={`${p.name}: ${p.weight}%`}
            >
              {p.weight >= 12 ? `${p.name} ${p.weight}%` : ''}
            </div>
          ))}
      </div>
    </div>
  );
}

/**
 * Desired versus actual traffic weight (canary: stable / canary), or which revision is active
 * and which is in preview (blue-green).
 * @public
 */
export function TrafficSplitBar(props: { info: RolloutInfo }) {
  const { info } = props;
  if (info.strategy === 'BlueGreen') {
    const active = revisionOf(info, 'active');
    const preview = revisionOf(info, 'preview');
    return (
      <div>
        <Bar
          label="Live"
          parts={[
            {
              name: `active${active !== undefined ? ` (rev ${active})` : ''}`,
              weight: 100,
              kind: 'stable',
            },
          ]}
        />
        <Typography variant="caption" color="textSecondary">
          {preview !== undefined && preview !== active
            ? `Preview revision ${preview} gets no live traffic: it is reachable on the preview service until promoted.`
            : 'No preview revision: the active revision serves all traffic.'}
        </Typography>
      </div>
    );
  }
  const stable = revisionOf(info, 'stable');
  if (info.fullyPromoted) {
    // Past the last step the new revision is the stable one: there is no canary to show.
    const name = `stable (rev ${stable ?? info.revision})`;
    return (
      <div>
        <Bar label="Live" parts={[{ name, weight: 100, kind: 'stable' }]} />
        <Typography variant="caption" color="textSecondary">
          Fully promoted: this revision serves all traffic.
        </Typography>
      </div>
    );
  }
  const desired = info.setWeight ?? 0;
  const actual = info.actualWeight ?? 0;
  const canary = info.revision;
  const stableName = `stable${stable !== undefined ? ` (rev ${stable})` : ''}`;
  const canaryName = `canary (rev ${canary})`;
  return (
    <div>
      <Bar
        label="Desired"
        parts={[
          { name: stableName, weight: 100 - desired, kind: 'stable' },
          { name: canaryName, weight: desired, kind: 'canary' },
        ]}
      />
      <Bar
        label="Actual"
        parts={[
          { name: stableName, weight: 100 - actual, kind: 'stable' },
          { name: canaryName, weight: actual, kind: 'canary' },
        ]}
      />
      {desired !== actual && (
        <Typography variant="caption" color="textSecondary">
          Traffic is still shifting: {actual}% of the desired {desired}% has
          reached the canary.
        </Typography>
      )}
    </div>
  );
}
