import { Pod } from '../kubernetes/pod';
import { RolloutPodInfo } from './types';

/**
 * Pod STATUS / READY / RESTARTS as kubectl's printer computes them (ported by the kubectl plugin in
 * `pod_info.go`, reference §1.4), so a pod reads the same here as in `kubectl get pods`.
 * @public
 */
export function describePod(pod: Pod): RolloutPodInfo {
  const name = pod.metadata.name ?? '';
  const status = pod.status ?? {};
  const totalContainers = pod.spec?.containers?.length ?? 0;

  // A node that stopped reporting, or a pod on its way out, leaves stale container state behind:
  // upstream returns early and trusts none of it (pod_info_test.go).
  if (status.phase === 'Unknown') {
    return {
      name,
      status: 'Unknown',
      ready: `0/${totalContainers}`,
      restarts: 0,
    };
  }
  if (pod.metadata.deletionTimestamp) {
    return {
      name,
      status: status.reason === 'NodeLost' ? 'Unknown' : 'Terminating',
      ready: `0/${totalContainers}`,
      restarts: 0,
    };
  }

  let reason = status.reason || status.phase || '';
  let restarts = 0;
  let readyContainers = 0;

  // Init containers: the first one that did not finish successfully explains the pod.
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  const initCount = pod.spec?.initContainers?.length ?? initStatuses.length;
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    restarts += container.restartCount ?? 0;
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  if (!initializing) {
    // Main containers, scanned last to first so the first container's state wins.
    restarts = 0;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += container.restartCount ?? 0;
      const { waiting, terminated, running } = container.state ?? {};
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal
          ? `Signal:${terminated.signal}`
          : `ExitCode:${terminated.exitCode}`;
      } else if (container.ready && running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A sidecar may have completed while the app still runs.
    if (reason === 'Completed' && hasRunning) reason = 'Running';
  }

  return {
    name,
    status: reason,
    ready: `${readyContainers}/${totalContainers}`,
    restarts,
  };
}
