import {
  RolloutExperimentInfo,
  RolloutImageInfo,
  RolloutReplicaSetInfo,
} from './types';
import { compareText } from './compareText';

/** Adds `image` to `images`, unioning tags (de-duplicated, sorted) when the image is already there. */
function mergeImage(images: RolloutImageInfo[], image: RolloutImageInfo): void {
  const existing = images.find(i => i.image === image.image);
  if (!existing) {
    images.push({ image: image.image, tags: [...image.tags] });
    return;
  }
  existing.tags = [...new Set([...existing.tags, ...image.tags])].sort();
}

/**
 * Images currently running (reference §1.3 `Images()`): containers of ReplicaSets that have pods,
 * tagged with the ReplicaSet's roles, plus experiment ReplicaSets tagged `Σ:<template>`.
 * Sorted by image.
 * @public
 */
export function runningImages(
  replicaSets: readonly RolloutReplicaSetInfo[],
  experiments: readonly RolloutExperimentInfo[],
): RolloutImageInfo[] {
  const images: RolloutImageInfo[] = [];
  for (const rs of replicaSets) {
    if (rs.replicas <= 0) continue;
    for (const image of rs.images) mergeImage(images, { image, tags: rs.tags });
  }
  for (const experiment of experiments) {
    for (const rs of experiment.replicaSets) {
      if (rs.replicas <= 0) continue;
      const tags = rs.template ? [`Σ:${rs.template}`] : [];
      for (const image of rs.images) mergeImage(images, { image, tags });
    }
  }
  return images.sort((a, b) => compareText(a.image, b.image));
}
