import { useCallback, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  availableActions,
  EntityRollout,
  RolloutActionResponse,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { useRolloutDetail } from '../../hooks';
import { RolloutStatusChip } from '../RolloutStatusChip';
import { TrafficSplitBar } from '../TrafficSplitBar';
import { ActionButtons } from '../ActionButtons';
import { StepsTimeline } from '../StepsTimeline';
import { AnalysisRunPanel } from '../AnalysisRunPanel';
import { RevisionsTable } from '../RevisionsTable';
import { ClusterStatusBanner } from '../ClusterStatusBanner';
import { ResourceCard } from '../ResourceCard';

const useStyles = makeStyles((theme: Theme) => ({
  section: { marginTop: theme.spacing(2) },
}));

function Details(props: {
  entity: CompoundEntityRef;
  rollout: EntityRollout;
  detail: ReturnType<typeof useRolloutDetail>;
}) {
  const classes = useStyles();
  const { detail, rollout } = props;
  if (!detail.value) {
    return detail.error ? (
      <ResponseErrorPanel error={detail.error} />
    ) : (
      <Progress />
    );
  }
  const value = detail.value;
  return (
    <>
      <ClusterStatusBanner clusters={[value.clusterStatus]} />
      <section
        className={classes.section}
        aria-label={`Steps of ${rollout.name}`}
      >
        <Typography variant="h6" component="h4">
          {value.steps.strategy === 'Canary' ? 'Steps' : 'Stages'}
        </Typography>
        <StepsTimeline steps={value.steps} />
      </section>
      <section
        className={classes.section}
        aria-label={`Analysis of ${rollout.name}`}
      >
        <Typography variant="h6" component="h4">
          Analysis
        </Typography>
        <AnalysisRunPanel analysisRuns={value.analysisRuns} />
      </section>
      <section
        className={classes.section}
        aria-label={`Revisions of ${rollout.name}`}
      >
        <Typography variant="h6" component="h4">
          Revisions
        </Typography>
        {value.podsError && (
          <Typography variant="body2" color="textSecondary">
            Pods could not be fetched: {value.podsError}
          </Typography>
        )}
        <RevisionsTable
          info={value.info}
          pods={value.pods.length ? value.pods : undefined}
        />
      </section>
    </>
  );
}

/**
 * One rollout: status and message, strategy, traffic split, actions and (expanded) its steps,
 * analysis and revisions. Shows the list's data at once and the detail when it arrives.
 * @public
 */
export function RolloutPanel(props: {
  entity: CompoundEntityRef;
  rollout: EntityRollout;
  defaultExpanded?: boolean;
  /** Called after an action with the new state; the parent updates its list. */
  onChanged?: (result: RolloutActionResponse, cluster: string) => void;
}) {
  const { entity, onChanged } = props;
  const [expanded, setExpanded] = useState(props.defaultExpanded ?? true);
  const detail = useRolloutDetail(
    entity,
    {
      cluster: props.rollout.cluster,
      namespace: props.rollout.namespace,
      name: props.rollout.name,
    },
    { enabled: expanded },
  );
  // The detail is fetched for this view and is at least as fresh as the list.
  const rollout: EntityRollout =
    expanded && detail.value
      ? {
          cluster: detail.value.cluster,
          namespace: detail.value.namespace,
          name: detail.value.name,
          info: detail.value.info,
          actions: detail.value.actions,
        }
      : props.rollout;
  const { info } = rollout;
  const { setValue, refresh } = detail;
  const handleDone = useCallback(
    (result: RolloutActionResponse) => {
      setValue(
        v =>
          v && {
            ...v,
            info: result.info,
            actions: availableActions(result.info),
          },
      );
      onChanged?.(result, props.rollout.cluster);
      refresh();
    },
    [setValue, refresh, onChanged, props.rollout.cluster],
  );
  const detailsId = `pd-details-${rollout.cluster}-${rollout.namespace}-${rollout.name}`;

  return (
    <ResourceCard
      kind="Rollout"
      name={rollout.name}
      cluster={rollout.cluster}
      namespace={rollout.namespace}
      titleVariant="h5"
      badges={
        <>
          <Chip size="small" variant="outlined" label={info.strategy} />
          <RolloutStatusChip info={info} />
          {info.step ? (
            <Typography variant="body2" data-testid="rollout-step">
              Step {info.step}
            </Typography>
          ) : null}
          <Typography variant="body2" color="textSecondary">
            revision {info.revision} · {info.replicas.ready}/
            {info.replicas.desired} ready
          </Typography>
        </>
      }
    >
      {info.message && (
        <Typography variant="body2" data-testid="rollout-message">
          {info.message}
        </Typography>
      )}
      <Typography variant="caption" color="textSecondary" component="div">
        {info.images
          .map(
            i => `${i.image}${i.tags.length ? ` (${i.tags.join(', ')})` : ''}`,
          )
          .join(' · ')}
      </Typography>
      <Box mt={1}>
        <TrafficSplitBar info={info} />
      </Box>
      <Box mt={1}>
        <ActionButtons
          entity={entity}
          rollout={rollout}
          steps={detail.value?.steps}
          onDone={handleDone}
          onStale={refresh}
        />
      </Box>
      <Box mt={1}>
        <Button
          size="small"
          aria-expanded={expanded}
          aria-controls={detailsId}
          onClick={() => setExpanded(e => !e)}
        >
          {expanded ? 'Hide details' : 'Show steps, analysis and revisions'}
        </Button>
      </Box>
      <div id={detailsId} hidden={!expanded}>
        {expanded && (
          <Details entity={entity} rollout={rollout} detail={detail} />
        )}
      </div>
    </ResourceCard>
  );
}
