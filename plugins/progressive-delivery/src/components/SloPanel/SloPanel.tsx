import LinearProgress from '@material-ui/core/LinearProgress';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import {
  EntityRollout,
  EntitySlosResponse,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { useEntitySlos } from '../../hooks';
import { RefreshError } from '../RefreshError';
import { NoSlos } from './NoSlos';
import { SloCard } from './SloCard';
import { isDemoSlo } from './sloFormat';

/** Rollouts whose analysis queries SLO or burn-rate series: a burning budget can stop them. */
function GatedRollouts(props: { rollouts?: EntityRollout[] }) {
  const gated = (props.rollouts ?? []).filter(r => r.gatedOnErrorBudget);
  if (gated.length === 0) return null;
  return (
    <Alert severity="info" style={{ marginBottom: 16 }}>
      Gated on the error budget: the analysis of{' '}
      {gated.map((r, i) => (
        <span key={`${r.cluster}/${r.namespace}/${r.name}`}>
          {i > 0 ? ', ' : ''}
          rollout <strong>{r.name}</strong> in {r.cluster} (
          {r.gatedOnErrorBudget!.templates.join(', ')})
        </span>
      ))}{' '}
      queries SLO or burn-rate series, so a burning budget fails the analysis
      and aborts the rollout.
    </Alert>
  );
}

function isDemo(value: EntitySlosResponse): boolean {
  return value.demo === true || value.slos.some(isDemoSlo);
}

/**
 * The entity's SLOs (Pyrra ServiceLevelObjectives) with error budget and burn-rate alerts, live.
 * Keeps the last data on screen while refreshing, and says how to add an SLO when there is none.
 * @public
 */
export function SloPanel(props: {
  entity: Entity;
  /** The entity's rollouts, when loaded: those gated on the error budget are named. */
  rollouts?: EntityRollout[];
}) {
  const { entity, rollouts } = props;
  const { value, error, loading } = useEntitySlos(getCompoundEntityRef(entity));
  let body;
  if (!value) {
    body = error ? (
      <Alert severity="error" role="alert">
        Could not load the SLOs: {error.message}
      </Alert>
    ) : (
      <LinearProgress aria-label="Loading SLOs" />
    );
  } else {
    body = (
      <>
        <RefreshError error={error} what="the SLOs" />
        {isDemo(value) && (
          <Alert
            severity="info"
            style={{ marginBottom: 16 }}
            data-testid="slo-demo-note"
          >
            Demo data: these numbers come from the built-in demo metrics
            (progressiveDelivery.demoMetrics), not from Prometheus.
          </Alert>
        )}
        <GatedRollouts rollouts={rollouts} />
        {value.slos.length === 0 ? (
          <NoSlos entity={entity} />
        ) : (
          value.slos.map(slo => (
            <SloCard
              key={`${slo.cluster}/${slo.namespace}/${slo.name}`}
              slo={slo}
            />
          ))
        )}
      </>
    );
  }
  return (
    <InfoCard
      title="Service level objectives"
      subheader={`Error budget and burn-rate alerts (Pyrra)${
        value && loading ? ' · refreshing…' : ''
      }`}
    >
      {body}
    </InfoCard>
  );
}
