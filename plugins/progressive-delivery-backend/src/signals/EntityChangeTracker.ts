import { CacheEvent } from '../cache/ObjectCache';
import { rolloutMatches } from '../service/RolloutService';
import { ClusterWatchManager } from '../watch/ClusterWatchManager';
import { affectedRollouts } from './affectedRollouts';
import { EntityInterest } from './EntityInterest';

/** What one cache change touched: the entities (of those recently read) whose view it changes. */
export interface EntityChange {
  entityRefs: string[];
}

/** Bounds the revision map; past it, the map restarts under a new epoch. */
const MAX_TRACKED = 20_000;

/**
 * Maps every cache change to the entities it affects, once: the signaller publishes their
 * signals, and memoized read responses use their revisions to know they are still current.
 */
export class EntityChangeTracker {
  private readonly revisions = new Map<string, number>();
  private readonly listeners = new Set<(change: EntityChange) => void>();
  private counter = 0;
  private epoch = 0;
  private unsubscribe?: () => void;

  constructor(
    private readonly manager: ClusterWatchManager,
    private readonly interest: EntityInterest,
  ) {}

  start(): void {
    this.unsubscribe ??= this.manager.onChange(event => this.onChange(event));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  onEntityChange(listener: (change: EntityChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Differs from any earlier value once something the entity shows has changed (for an entity
   * that was registered with EntityInterest before the change).
   */
  stamp(entityRef: string): string {
    return `${this.epoch}.${this.revisions.get(entityRef) ?? 0}`;
  }

  private onChange(event: CacheEvent): void {
    const watcher = this.manager.cluster(event.cluster);
    if (!watcher) return;
    const rollouts = affectedRollouts(watcher.cache, event);
    const isSlo = event.kind === 'ServiceLevelObjective';
    if (rollouts.length === 0 && !isSlo) return;
    const entityRefs: string[] = [];
    for (const { entityRef, selector } of this.interest.active()) {
      const hit =
        rollouts.some(r => rolloutMatches(r, selector)) ||
        (isSlo && rolloutMatches(event.object, selector));
      if (hit) entityRefs.push(entityRef);
    }
    if (this.revisions.size + entityRefs.length > MAX_TRACKED) {
      this.revisions.clear();
      this.epoch++;
    }
    for (const entityRef of entityRefs) {
      // One counter for all: a revision is never reused, even after the map restarts.
      this.revisions.set(entityRef, ++this.counter);
    }
    for (const listener of this.listeners) listener({ entityRefs });
  }
}
