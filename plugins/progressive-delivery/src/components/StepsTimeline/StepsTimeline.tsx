import { useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  BlueGreenStageDescription,
  CanaryStepDescription,
  humanDuration,
  PauseCountdown,
  RolloutStepsDescription,
  StepState,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

const useStyles = makeStyles((theme: Theme) => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 1.5),
    borderLeft: `3px solid ${theme.palette.divider}`,
    marginBottom: theme.spacing(0.5),
  },
  done: {
    borderLeftColor: theme.palette.success?.main ?? theme.palette.primary.main,
    color: theme.palette.text.secondary,
  },
  current: {
    borderLeftColor: theme.palette.primary.main,
    backgroundColor: theme.palette.action.selected,
  },
  aborted: {
    borderLeftColor: theme.palette.error.main,
    backgroundColor: theme.palette.action.selected,
  },
  pending: {},
  number: { minWidth: theme.spacing(3), fontWeight: 600 },
  body: { flex: 1 },
  detail: { color: theme.palette.text.secondary },
}));

function Countdown(props: { countdown: PauseCountdown }) {
  const endsAt = Date.parse(props.countdown.endsAt);
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), 1000);
  const remaining = Number.isNaN(endsAt)
    ? props.countdown.remainingSeconds
    : Math.max(0, Math.ceil((endsAt - now) / 1000));
  return (
    <Typography variant="body2" role="timer" aria-live="off">
      {remaining > 0
        ? `Resumes on its own in ${humanDuration(remaining * 1000)}`
        : 'Pause elapsed: resuming'}
    </Typography>
  );
}

function stateLabel(state: StepState, aborted: boolean): string {
  if (state === 'current') return aborted ? 'aborted here' : 'current';
  return state;
}

function CanaryStepDetail(props: { step: CanaryStepDescription }) {
  const classes = useStyles();
  const { step } = props;
  switch (step.kind) {
    case 'setWeight':
      return (
        <Typography variant="body2" className={classes.detail}>
          Canary receives {step.weight}% of traffic
        </Typography>
      );
    case 'pause':
      return (
        <>
          <Typography variant="body2" className={classes.detail}>
            {step.duration === undefined
              ? 'Waits until someone promotes the rollout'
              : `Timed pause of ${step.duration}`}
          </Typography>
          {step.state === 'current' && step.countdown && (
            <Countdown countdown={step.countdown} />
          )}
        </>
      );
    case 'analysis':
      return (
        <Typography variant="body2" className={classes.detail}>
          Analysis templates:{' '}
          {step.templates
            .map(t => `${t.name}${t.clusterScope ? ' (cluster)' : ''}`)
            .join(', ')}
          {step.args.length > 0 &&
            ` — args ${step.args
              .map(a => `${a.name}=${a.value ?? '…'}`)
              .join(', ')}`}
        </Typography>
      );
    case 'experiment':
      return (
        <Typography variant="body2" className={classes.detail}>
          Experiment{step.duration ? ` for ${step.duration}` : ''}:{' '}
          {step.templates
            .map(
              t =>
                `${t.name} (${t.specRef}${
                  t.replicas !== undefined ? `, ${t.replicas} replicas` : ''
                }${t.weight !== undefined ? `, ${t.weight}% traffic` : ''})`,
            )
            .join(', ')}
          {step.analyses.length > 0 &&
            `; analyses ${step.analyses
              .map(
                a =>
                  `${a.analysisName}${
                    a.requiredForCompletion ? ' (required)' : ''
                  }`,
              )
              .join(', ')}`}
        </Typography>
      );
    case 'setCanaryScale':
      return (
        <Typography variant="body2" className={classes.detail}>
          {step.matchTrafficWeight
            ? 'Canary replicas follow the traffic weight'
            : `Canary scaled to ${
                step.replicas !== undefined
                  ? `${step.replicas} replicas`
                  : `${step.weight}% of replicas`
              } independently of traffic`}
        </Typography>
      );
    case 'setHeaderRoute':
      return (
        <Typography variant="body2" className={classes.detail}>
          Header route {step.routeName}:{' '}
          {step.matches.length === 0
            ? 'removed'
            : step.matches
                .map(m => `${m.headerName} ${m.matchType} "${m.value}"`)
                .join(', ')}
          {!step.managed && ' (not in managedRoutes)'}
        </Typography>
      );
    case 'setMirrorRoute':
      return (
        <Typography variant="body2" className={classes.detail}>
          Mirror route {step.routeName}:{' '}
          {step.matches.length === 0 && step.percentage === undefined
            ? 'removed'
            : `${
                step.percentage ?? 100
              }% of matching traffic mirrored to the canary`}
          {!step.managed && ' (not in managedRoutes)'}
        </Typography>
      );
    case 'plugin':
      return (
        <Typography variant="body2" className={classes.detail}>
          Step plugin {step.pluginName}
        </Typography>
      );
    default:
      return null;
  }
}

function StageDetail(props: { stage: BlueGreenStageDescription }) {
  const classes = useStyles();
  const { stage } = props;
  return (
    <>
      {stage.analysisStatus && (
        <Typography variant="body2" className={classes.detail}>
          Analysis {stage.analysisRunName}: {stage.analysisStatus}
        </Typography>
      )}
      {stage.autoPromotion && (
        <Typography variant="body2" className={classes.detail}>
          {stage.autoPromotion.enabled
            ? `Promotes itself${
                stage.autoPromotion.afterSeconds !== undefined
                  ? ` after ${stage.autoPromotion.afterSeconds}s`
                  : ''
              }`
            : 'Waits until someone promotes the rollout'}
        </Typography>
      )}
      {stage.state === 'current' && stage.autoPromotion?.countdown && (
        <Countdown countdown={stage.autoPromotion.countdown} />
      )}
      {stage.scaleDownDelaySeconds !== undefined && (
        <Typography variant="body2" className={classes.detail}>
          Old revision scaled down {stage.scaleDownDelaySeconds}s after the
          switch
        </Typography>
      )}
    </>
  );
}

/**
 * Canary steps (every kind, with parameters) or blue-green stages, the current one highlighted,
 * with the countdown of a timed pause.
 * @public
 */
export function StepsTimeline(props: { steps: RolloutStepsDescription }) {
  const classes = useStyles();
  const { steps } = props;
  const total = steps.steps.length;
  const items =
    steps.strategy === 'Canary'
      ? steps.steps.map(step => ({
          key: `step-${step.index}`,
          number: `${step.index}`,
          title: step.title,
          kind: step.kind,
          state: step.state,
          detail: <CanaryStepDetail step={step} />,
        }))
      : steps.stages.map((stage, i) => ({
          key: `stage-${stage.kind}`,
          number: `${i + 1}`,
          title: stage.title,
          kind: stage.kind,
          state: stage.state,
          detail: <StageDetail stage={stage} />,
        }));
  if (items.length === 0) {
    return (
      <Typography variant="body2">
        This rollout has no steps: each update goes straight to 100%.
      </Typography>
    );
  }
  return (
    <ol
      className={classes.list}
      aria-label={
        steps.strategy === 'Canary'
          ? `Canary steps (${total})`
          : 'Blue-green stages'
      }
    >
      {items.map(item => {
        const stateClass =
          item.state === 'current' && steps.aborted
            ? classes.aborted
            : classes[item.state];
        return (
          <li
            key={item.key}
            className={`${classes.item} ${stateClass}`}
            aria-current={item.state === 'current' ? 'step' : undefined}
            data-testid={item.key}
          >
            <Typography className={classes.number} component="span">
              {item.number}
            </Typography>
            <div className={classes.body}>
              <Typography variant="body1" component="div">
                {item.title}{' '}
                <Chip
                  size="small"
                  variant={item.state === 'current' ? 'default' : 'outlined'}
                  color={item.state === 'current' ? 'primary' : 'default'}
                  label={stateLabel(item.state, steps.aborted)}
                />{' '}
                <Chip size="small" variant="outlined" label={item.kind} />
              </Typography>
              {item.detail}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
