import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AnalysisRun,
  isRollout,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { CacheEvent, ObjectCache } from '../cache/ObjectCache';
import { affectedRollouts } from '../signals/affectedRollouts';
import { analysisRunTransition } from './analysisRunTransition';
import { BoundedMap } from './BoundedMap';
import { NewRolloutEvent, RolloutEventSink } from './events';
import { RolloutMemory, rolloutTransitions } from './rolloutTransitions';

/** The part of ClusterWatchManager the recorder reads. */
export interface WatchedClusters {
  onChange(listener: (event: CacheEvent) => void): () => void;
  cluster(name: string): { cache: ObjectCache } | undefined;
}

export interface RolloutHistoryRecorderOptions {
  clusters: WatchedClusters;
  sink: RolloutEventSink;
  logger: LoggerService;
  now?: () => Date;
  /** Events are written at most this long after they were seen (default 1000 ms). */
  flushDelayMs?: number;
  /** Rows per write (default 100). */
  batchSize?: number;
  /** Events waiting to be written at most; the oldest are dropped beyond (default 10 000). */
  maxQueued?: number;
  /** Rollouts and AnalysisRuns remembered at most, each (default 20 000). */
  maxTracked?: number;
  /** Attempts to write an event before it is dropped (default 3). */
  maxAttempts?: number;
}

interface Queued {
  event: NewRolloutEvent;
  attempts: number;
}

/**
 * Records rollout history from the watch caches' change events: compares each Rollout and
 * AnalysisRun with what it last saw of the same UID and queues the transitions for the store.
 * Objects seen for the first time (the initial list after startup) only set the memory, so
 * nothing is invented. Writes are batched in the background; a failing write is logged and
 * retried, and never reaches the watch path.
 */
export class RolloutHistoryRecorder {
  private readonly rollouts: BoundedMap<string, RolloutMemory>;
  private readonly runPhases: BoundedMap<string, string>;
  private readonly queue: Queued[] = [];
  private readonly now: () => Date;
  private readonly flushDelayMs: number;
  private readonly batchSize: number;
  private readonly maxQueued: number;
  private readonly maxAttempts: number;
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private unsubscribe?: () => void;

  constructor(private readonly options: RolloutHistoryRecorderOptions) {
    this.now = options.now ?? (() => new Date());
    this.flushDelayMs = options.flushDelayMs ?? 1000;
    this.batchSize = options.batchSize ?? 100;
    this.maxQueued = options.maxQueued ?? 10_000;
    this.maxAttempts = options.maxAttempts ?? 3;
    this.rollouts = new BoundedMap(options.maxTracked ?? 20_000);
    this.runPhases = new BoundedMap(options.maxTracked ?? 20_000);
  }

  start(): void {
    this.unsubscribe ??= this.options.clusters.onChange(event =>
      this.onChange(event),
    );
  }

  /** Unsubscribes and writes what is still queued. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.flush();
    this.rollouts.clear();
    this.runPhases.clear();
  }

  /** Writes everything queued now (also called by the timer). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.flushing = this.flushing
      .then(() => this.drain())
      .catch(error =>
        this.options.logger.warn(
          `Rollout history: write failed: ${(error as Error).message}`,
        ),
      );
    return this.flushing;
  }

  private onChange(event: CacheEvent): void {
    try {
      if (event.kind === 'Rollout') this.onRollout(event);
      else if (event.kind === 'AnalysisRun') this.onAnalysisRun(event);
    } catch (error) {
      this.options.logger.warn(
        `Rollout history: could not read a ${event.kind} change in ${
          event.cluster
        }: ${(error as Error).message}`,
      );
    }
  }

  private onRollout(event: CacheEvent): void {
    const rollout = event.object;
    const uid = rollout.metadata.uid;
    if (!uid) return;
    const key = `${event.cluster}/${uid}`;
    if (event.type === 'deleted') {
      this.rollouts.delete(key);
      return;
    }
    if (!isRollout(rollout)) return;
    const { memory, events } = rolloutTransitions(
      event.cluster,
      rollout,
      this.rollouts.get(key),
      this.now(),
    );
    this.rollouts.set(key, memory);
    this.enqueue(events);
  }

  private onAnalysisRun(event: CacheEvent): void {
    const run = event.object as AnalysisRun;
    const uid = run.metadata.uid;
    if (!uid) return;
    const key = `${event.cluster}/${uid}`;
    if (event.type === 'deleted') {
      this.runPhases.delete(key);
      return;
    }
    const previous = this.runPhases.get(key);
    this.runPhases.set(key, run.status?.phase ?? '');
    if (previous === undefined) return;
    const cache = this.options.clusters.cluster(event.cluster)?.cache;
    // Owned by the Rollout, or by an Experiment of it.
    const owner = cache ? affectedRollouts(cache, event)[0] : undefined;
    if (!owner) return;
    const transition = analysisRunTransition(
      event.cluster,
      run,
      owner,
      previous,
      this.now(),
    );
    if (transition) this.enqueue([transition]);
  }

  private enqueue(events: NewRolloutEvent[]): void {
    if (events.length === 0) return;
    this.queue.push(...events.map(event => ({ event, attempts: 0 })));
    this.dropOverflow();
    if (this.queue.length >= this.batchSize) {
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushDelayMs);
      this.timer.unref?.();
    }
  }

  private dropOverflow(): void {
    const excess = this.queue.length - this.maxQueued;
    if (excess > 0) {
      this.queue.splice(0, excess);
      this.options.logger.warn(
        `Rollout history: dropped ${excess} unwritten event(s), the write queue is full`,
      );
    }
  }

  /** Writes batch after batch; on an error, keeps the batch for a later attempt and stops. */
  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.batchSize);
      try {
        await this.options.sink.append(batch.map(q => q.event));
      } catch (error) {
        const retry = batch
          .map(q => ({ ...q, attempts: q.attempts + 1 }))
          .filter(q => q.attempts < this.maxAttempts);
        this.options.logger.warn(
          `Rollout history: could not write ${batch.length} event(s)${
            retry.length < batch.length
              ? `, dropped ${batch.length - retry.length} after ${
                  this.maxAttempts
                } attempts`
              : ', will retry'
          }: ${(error as Error).message}`,
        );
        this.queue.unshift(...retry);
        this.dropOverflow();
        if (this.queue.length > 0 && !this.timer && this.unsubscribe) {
          this.timer = setTimeout(() => void this.flush(), this.flushDelayMs);
          this.timer.unref?.();
        }
        return;
      }
    }
  }
}
