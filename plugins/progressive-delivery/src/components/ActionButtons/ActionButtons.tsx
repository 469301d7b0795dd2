import { useCallback, useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityRollout,
  RolloutAction,
  RolloutActionResponse,
  RolloutStepsDescription,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { useRolloutAction } from '../../hooks';
import { ActionConfirmDialog } from '../ActionConfirmDialog';
import { ACTION_LABELS, gateActions } from './gateActions';
import { useActionPermissions } from './useActionPermissions';

/**
 * The action buttons of one rollout, gated in one place (`availableActions` × `usePermission`),
 * each confirmed in a dialog that states its exact effect.
 * @public
 */
export function ActionButtons(props: {
  entity: CompoundEntityRef;
  rollout: EntityRollout;
  steps?: RolloutStepsDescription;
  onDone?: (result: RolloutActionResponse) => void;
  /** Called when the backend says the rollout moved on (409) or the outcome is unknown (503). */
  onStale?: () => void;
}) {
  const { entity, rollout, steps, onDone, onStale } = props;
  const entityRef = stringifyEntityRef(entity);
  const permissions = useActionPermissions(entityRef);
  const gated = gateActions(rollout.actions, permissions, entityRef);
  const [selected, setSelected] = useState<RolloutAction | undefined>();
  const [lastResult, setLastResult] = useState<RolloutActionResponse>();
  const handleDone = useCallback(
    (result: RolloutActionResponse) => {
      setLastResult(result);
      setSelected(undefined);
      onDone?.(result);
    },
    [onDone],
  );
  const { state, run, reset } = useRolloutAction(
    entity,
    {
      cluster: rollout.cluster,
      namespace: rollout.namespace,
      name: rollout.name,
    },
    handleDone,
  );
  const failureKind = state.status === 'error' ? state.failure.kind : undefined;
  useEffect(() => {
    if (failureKind === 'conflict' || failureKind === 'unavailable')
      onStale?.();
  }, [failureKind, onStale]);
  const denied = gated.filter(g => g.deniedByPermission);
  const running = state.status === 'running';

  return (
    <Box>
      <Box
        display="flex"
        flexWrap="wrap"
        style={{ gap: 8 }}
        role="group"
        aria-label={`Actions on ${rollout.name}`}
      >
        {gated.map(g => {
          const label = ACTION_LABELS[g.action];
          const button = (
            <Button
              size="small"
              variant="outlined"
              color={g.action === 'abort' ? 'secondary' : 'primary'}
              disabled={!g.enabled || running}
              aria-label={`${label} ${rollout.name}`}
              onClick={() => {
                reset();
                setLastResult(undefined);
                setSelected(g.action);
              }}
            >
              {label}
            </Button>
          );
          return (
            <span
              key={g.action}
              data-testid={`action-${g.action}`}
              title={g.reason}
            >
              {button}
            </span>
          );
        })}
      </Box>
      {denied.length === gated.length && gated.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          You may not act on this rollout: the permission policy does not allow
          you to change rollouts of {entityRef} (for example,
          progressive-delivery.rollout.promote). Owners of the entity can.
        </Typography>
      )}
      {denied.length > 0 && denied.length < gated.length && (
        <Typography variant="caption" color="textSecondary" component="p">
          Not allowed for you:{' '}
          {denied.map(d => ACTION_LABELS[d.action]).join(', ')}.
        </Typography>
      )}
      {lastResult && (
        <Alert
          severity="success"
          onClose={() => setLastResult(undefined)}
          style={{ marginTop: 8 }}
        >
          {ACTION_LABELS[lastResult.action as RolloutAction] ??
            lastResult.action}{' '}
          done: {lastResult.description.replace(/\.?$/, '.')} Now{' '}
          {rollout.info.status}
          {rollout.info.step ? ` at step ${rollout.info.step}` : ''}.
        </Alert>
      )}
      {selected && (
        <ActionConfirmDialog
          open
          action={selected}
          label={ACTION_LABELS[selected]}
          cluster={rollout.cluster}
          info={rollout.info}
          steps={steps}
          running={running}
          failure={state.status === 'error' ? state.failure : undefined}
          onConfirm={(reason, options) =>
            run(selected, rollout.info, reason, options)
          }
          onClose={() => {
            setSelected(undefined);
            reset();
          }}
        />
      )}
    </Box>
  );
}
