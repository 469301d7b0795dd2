import { ReactNode } from 'react';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';

const useStyles = makeStyles((theme: Theme) => ({
  paper: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/**
 * The card of one namespaced resource (a rollout, an SLO): an article named after it, with a
 * header of its name, cluster and namespace chips and the caller's badges, then the body.
 */
export function ResourceCard(props: {
  /** What the resource is, for the article's accessible name, e.g. `Rollout`. */
  kind: string;
  name: string;
  cluster: string;
  namespace: string;
  titleVariant: 'h5' | 'h6';
  /** Shown in the header after the chips (status, strategy, ...). */
  badges?: ReactNode;
  children: ReactNode;
}) {
  const classes = useStyles();
  const { kind, name, cluster, namespace } = props;
  return (
    <Paper
      className={classes.paper}
      variant="outlined"
      component="article"
      aria-label={`${kind} ${name} in ${cluster}`}
    >
      <div className={classes.header}>
        <Typography variant={props.titleVariant} component="h3">
          {name}
        </Typography>
        <Chip size="small" label={`cluster ${cluster}`} />
        <Chip size="small" label={`namespace ${namespace}`} />
        {props.badges}
      </div>
      {props.children}
    </Paper>
  );
}
