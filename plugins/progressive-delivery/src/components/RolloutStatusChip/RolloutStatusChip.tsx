import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import { RolloutInfo } from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** The rollout's phase with a theme-aware icon; "Aborted" when an abort is in effect. @public */
export function RolloutStatusChip(props: {
  info: Pick<RolloutInfo, 'status' | 'aborted'>;
}) {
  const { status, aborted } = props.info;
  const label = aborted ? `${status} (aborted)` : status;
  const content = <span aria-label={`Status: ${label}`}>{label}</span>;
  if (aborted) return <StatusAborted>{content}</StatusAborted>;
  switch (status) {
    case 'Healthy':
      return <StatusOK>{content}</StatusOK>;
    case 'Progressing':
      return <StatusRunning>{content}</StatusRunning>;
    case 'Paused':
      return <StatusPending>{content}</StatusPending>;
    default:
      return <StatusError>{content}</StatusError>;
  }
}
