import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';
import { AnalysisRun } from '../kubernetes/analysisRun';
import { Deployment } from '../kubernetes/deployment';
import { Experiment } from '../kubernetes/experiment';
import { Pod } from '../kubernetes/pod';
import { ReplicaSet } from '../kubernetes/replicaSet';
import { Rollout } from '../kubernetes/rollout';
import { KubernetesObject } from '../kubernetes/objectMeta';

/** The upstream scenario folders under `src/__fixtures__/argo-rollouts/`. */
export type FixtureScenario =
  | 'blue-green'
  | 'canary'
  | 'experiment-analysis'
  | 'experiment-step'
  | 'rollout-aborted'
  | 'rollout-invalid';

/** Objects of one scenario, by kind, each list in file-name order (like upstream's `RolloutObjects`). */
export interface FixtureObjects {
  rollouts: Rollout[];
  replicaSets: ReplicaSet[];
  pods: Pod[];
  experiments: Experiment[];
  analysisRuns: AnalysisRun[];
  deployments: Deployment[];
}

const FIXTURE_ROOT = path.join(
  __dirname,
  '..',
  '__fixtures__',
  'argo-rollouts',
);

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Loads a scenario the way upstream's `testdata.discoverObjects` does: files in name order, every
 * `creationTimestamp` set to "now − 7 days" (truncated to the second), and the first metric's
 * measurements of each AnalysisRun started and finished then too.
 */
export function loadFixtures(
  scenario: FixtureScenario,
  now: Date = new Date(),
): FixtureObjects {
  const aWeekAgo = new Date(
    Math.floor((now.getTime() - SEVEN_DAYS_MS) / 1000) * 1000,
  )
    .toISOString()
    .replace('.000Z', 'Z');
  const dir = path.join(FIXTURE_ROOT, scenario);
  const objects: FixtureObjects = {
    rollouts: [],
    replicaSets: [],
    pods: [],
    experiments: [],
    analysisRuns: [],
    deployments: [],
  };
  for (const file of fs.readdirSync(dir).sort()) {
    const object = yaml.load(
      fs.readFileSync(path.join(dir, file), 'utf8'),
    ) as KubernetesObject;
    object.metadata.creationTimestamp = aWeekAgo;
    switch (object.kind) {
      case 'Rollout':
        objects.rollouts.push(object as Rollout);
        break;
      case 'ReplicaSet':
        objects.replicaSets.push(object as ReplicaSet);
        break;
      case 'Deployment':
        objects.deployments.push(object as Deployment);
        break;
      case 'Pod':
        objects.pods.push(object as Pod);
        break;
      case 'Experiment':
        objects.experiments.push(object as Experiment);
        break;
      case 'AnalysisRun': {
        const run = object as AnalysisRun;
        for (const measurement of run.status?.metricResults?.[0]
          ?.measurements ?? []) {
          measurement.startedAt = aWeekAgo;
          measurement.finishedAt = aWeekAgo;
        }
        objects.analysisRuns.push(run);
        break;
      }
      default:
      // Like upstream, other kinds (the experiment-step Job) are not part of the inputs.
    }
  }
  return objects;
}

/** All related objects of a scenario, in the shape describeRollout() takes. */
export function relatedOf(objects: FixtureObjects) {
  return {
    replicaSets: objects.replicaSets,
    pods: objects.pods,
    analysisRuns: objects.analysisRuns,
    experiments: objects.experiments,
  };
}
