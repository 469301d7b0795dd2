import { LoggerService } from '@backstage/backend-plugin-api';
import { CacheEvent } from '../cache/ObjectCache';
import { ClusterSupplier } from '../clusters/types';
import { ClusterClient, HttpClusterClient } from '../kubernetes/ClusterClient';
import { ClusterStatus, ClusterWatcher } from './ClusterWatcher';
import { DEFAULT_WATCH_OPTIONS, WatchOptions } from './types';

export interface ClusterWatchManagerOptions {
  clusterSupplier: ClusterSupplier;
  logger: LoggerService;
  watchOptions?: Partial<WatchOptions>;
  excludeClusters?: string[];
  /** Injected in tests; defaults to HTTP clients built from the cluster config. */
  createClient?: (details: ClusterWatcher['details']) => Promise<ClusterClient>;
}

/** Starts one ClusterWatcher per configured cluster; a broken cluster never blocks the others. */
export class ClusterWatchManager {
  private watchers: ClusterWatcher[] = [];
  private readonly listeners = new Set<(event: CacheEvent) => void>();
  private started = false;

  constructor(private readonly options: ClusterWatchManagerOptions) {}

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const excluded = new Set(this.options.excludeClusters ?? []);
    const clusters = (await this.options.clusterSupplier.getClusters()).filter(
      c => !excluded.has(c.name),
    );
    const watchOptions = {
      ...DEFAULT_WATCH_OPTIONS,
      ...this.options.watchOptions,
    };
    const createClient = this.options.createClient ?? HttpClusterClient.create;
    this.watchers = await Promise.all(
      clusters.map(async details => {
        let client: ClusterClient | undefined;
        if (details.auth.provider !== 'unsupported') {
          try {
            client = await createClient(details);
          } catch (error) {
            this.options.logger.error(
              `Cluster ${details.name}: cannot create client: ${
                (error as Error).message
              }`,
            );
          }
        }
        const watcher = new ClusterWatcher(
          details,
          client,
          this.options.logger,
          watchOptions,
        );
        watcher.cache.onChange(event => {
          for (const listener of this.listeners) listener(event);
        });
        return watcher;
      }),
    );
    for (const watcher of this.watchers) watcher.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.watchers.map(w => w.stop()));
  }

  clusters(): ClusterWatcher[] {
    return this.watchers;
  }

  cluster(name: string): ClusterWatcher | undefined {
    return this.watchers.find(w => w.name === name);
  }

  statuses(): ClusterStatus[] {
    return this.watchers.map(w => w.status());
  }

  onChange(listener: (event: CacheEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
