import { useCallback, useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  availableActions,
  EntityRollout,
  isProgressiveDeliveryAvailable,
  RolloutActionResponse,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { useEntityRollouts } from '../../hooks';
import { ClusterStatusBanner } from '../ClusterStatusBanner';
import { RefreshError } from '../RefreshError';
import { RolloutPanel } from '../RolloutPanel';
import { AuditTrail } from '../AuditTrail';
import { SloPanel } from '../SloPanel';
import { EntityScorecard } from '../EntityScorecard';
import {
  entitySelector,
  MissingAnnotations,
  NoClusters,
  NoRollouts,
} from '../ConfigurationHelp';

/** Rollouts grouped by service (rollout name), then cluster. */
function groupByService(rollouts: EntityRollout[]) {
  const groups = new Map<string, EntityRollout[]>();
  for (const rollout of rollouts) {
    const list = groups.get(rollout.name) ?? [];
    list.push(rollout);
    groups.set(rollout.name, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, list]) => ({
      service,
      rollouts: list.sort((a, b) =>
        `${a.cluster}/${a.namespace}`.localeCompare(
          `${b.cluster}/${b.namespace}`,
        ),
      ),
    }));
}

function EntityRollouts(props: {
  onAction?: () => void;
  /** Reports the loaded rollouts (the SLO panel names those gated on the error budget). */
  onRollouts?: (rollouts: EntityRollout[] | undefined) => void;
}) {
  const { onAction, onRollouts } = props;
  const { entity } = useEntity();
  const entityRef = getCompoundEntityRef(entity);
  const { value, error, loading, live, setValue } =
    useEntityRollouts(entityRef);
  const { selector, namespace } = entitySelector(entity);
  useEffect(() => onRollouts?.(value?.rollouts), [onRollouts, value]);

  const onChanged = useCallback(
    (result: RolloutActionResponse, cluster: string) => {
      onAction?.();
      setValue(
        v =>
          v && {
            ...v,
            rollouts: v.rollouts.map(r =>
              r.cluster === cluster &&
              r.name === result.info.name &&
              r.namespace === result.info.namespace
                ? {
                    ...r,
                    info: result.info,
                    actions: availableActions(result.info),
                  }
                : r,
            ),
          },
      );
    },
    [setValue, onAction],
  );

  if (!value) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }
  if (value.clusters.length === 0) {
    return <NoClusters />;
  }
  const groups = groupByService(value.rollouts);
  return (
    <>
      <Box
        display="flex"
        alignItems="baseline"
        flexWrap="wrap"
        style={{ gap: 8 }}
        mb={1}
      >
        <Typography variant="body2">
          Rollouts selected by <code>{selector}</code>
          {namespace ? ` in namespace ${namespace}` : ' in all namespaces'}{' '}
          across {value.clusters.length} cluster
          {value.clusters.length === 1 ? '' : 's'}
        </Typography>
        <Typography variant="caption" color="textSecondary" aria-live="polite">
          {live ? 'Live updates' : 'Refreshing every 30 s'}
          {loading ? ' · refreshing…' : ''}
        </Typography>
      </Box>
      <RefreshError error={error} />
      <ClusterStatusBanner clusters={value.clusters} />
      {groups.length === 0 ? (
        <NoRollouts entity={entity} />
      ) : (
        groups.map(group => (
          <section key={group.service} aria-label={`Service ${group.service}`}>
            {groups.length > 1 && (
              <Typography variant="h6" component="h2">
                {group.service}
              </Typography>
            )}
            {group.rollouts.map(rollout => (
              <RolloutPanel
                key={`${rollout.cluster}/${rollout.namespace}/${rollout.name}`}
                entity={entityRef}
                rollout={rollout}
                defaultExpanded={value.rollouts.length <= 3}
                onChanged={onChanged}
              />
            ))}
          </section>
        ))
      )}
    </>
  );
}

/**
 * The Progressive Delivery tab of a catalog entity: its rollouts (grouped by service and cluster)
 * with steps, traffic, analysis, revisions and actions, and the entity's audit trail.
 * @public
 */
export function EntityProgressiveDeliveryContent() {
  const { entity } = useEntity();
  const [actions, setActions] = useState(0);
  const onAction = useCallback(() => setActions(n => n + 1), []);
  const [rollouts, setRollouts] = useState<EntityRollout[]>();
  if (!isProgressiveDeliveryAvailable(entity)) {
    return (
      <Content>
        <MissingAnnotations />
      </Content>
    );
  }
  return (
    <Content>
      <EntityRollouts onAction={onAction} onRollouts={setRollouts} />
      <Box mt={2}>
        <SloPanel entity={entity} rollouts={rollouts} />
      </Box>
      <Box mt={2}>
        <EntityScorecard />
      </Box>
      <Box mt={2}>
        <InfoCard
          title="Audit trail"
          subheader="Actions on this entity's rollouts, newest first"
        >
          <AuditTrail
            entity={getCompoundEntityRef(entity)}
            refreshKey={actions}
          />
        </InfoCard>
      </Box>
    </Content>
  );
}
