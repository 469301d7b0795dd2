import { LoggerService } from '@backstage/backend-plugin-api';
import { KubernetesObject } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ObjectCache } from '../cache/ObjectCache';
import { stripObject } from '../cache/stripObject';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { KubernetesApiError } from '../kubernetes/KubernetesApiError';
import { resourcePath, ResourceType } from '../kubernetes/resources';
import { backoffDelay, sleep } from './backoff';
import { SyncStatus, WatchOptions } from './types';

interface ListResponse {
  metadata?: { resourceVersion?: string };
  items?: KubernetesObject[];
}

interface WatchEvent {
  type?: string;
  object?: KubernetesObject & {
    code?: number;
    reason?: string;
    message?: string;
  };
}

/** How long to wait before checking again for a custom resource type that is not installed. */
const NOT_INSTALLED_RECHECK_MS = 5 * 60_000;

export interface ResourceWatcherOptions {
  client: ClusterClient;
  type: ResourceType;
  cache: ObjectCache;
  logger: LoggerService;
  options: WatchOptions;
  labelSelector?: string;
  /** Custom resources that may legitimately be absent (404 on list). */
  optional?: boolean;
  onStatusChange?: () => void;
}

class ExpiredError extends Error {}

/**
 * List-then-watch of one resource type in one cluster into the cache: resumes after
 * disconnects and server-side closes from the last resourceVersion, relists after 410,
 * backs off with jitter on errors, and aborts watches that stall silently.
 */
export class ResourceWatcher {
  private readonly stopController = new AbortController();
  private status: SyncStatus = { state: 'syncing' };
  private running?: Promise<void>;
  private resourceVersion = '';

  constructor(private readonly opts: ResourceWatcherOptions) {}

  get kind() {
    return this.opts.type.kind;
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.running;
  }

  private get stopped() {
    return this.stopController.signal.aborted;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        await this.list();
        attempt = 0;
        for (;;) {
          await this.watchOnce();
          if (this.stopped) return;
        }
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof ExpiredError) {
          this.opts.logger.debug(
            `${this.describe()}: resourceVersion expired, relisting`,
          );
          continue;
        }
        if (
          this.opts.optional &&
          error instanceof KubernetesApiError &&
          error.statusCode === 404
        ) {
          // The CRD is not installed in this cluster: nothing to watch, not an error.
          this.opts.cache.replaceAll(this.opts.type.kind, []);
          this.setStatus({ state: 'ok', lastSyncAt: new Date() });
          await sleep(NOT_INSTALLED_RECHECK_MS, this.stopController.signal);
          continue;
        }
        attempt += 1;
        const message = error instanceof Error ? error.message : String(error);
        this.setStatus({ ...this.status, state: 'error', error: message });
        const delay = backoffDelay(attempt, this.opts.options.backoff);
        this.opts.logger.warn(
          `${this.describe()}: ${message}; retrying in ${Math.round(
            delay / 1000,
          )}s`,
        );
        await sleep(delay, this.stopController.signal);
      }
    }
  }

  private async list(): Promise<void> {
    const list = await this.opts.client.request<ListResponse>({
      path: resourcePath(this.opts.type),
      query: { labelSelector: this.opts.labelSelector },
      timeoutMs: this.opts.options.listTimeoutMs,
      signal: this.stopController.signal,
    });
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
    this.opts.cache.replaceAll(
      this.opts.type.kind,
      (list.items ?? []).map(item => stripObject(item)),
    );
    this.setStatus({ state: 'ok', lastSyncAt: new Date() });
  }

  /** One watch request; returns when the server ends it, throws on errors and 410. */
  private async watchOnce(): Promise<void> {
    const controller = new AbortController();
    const abortOnStop = () => controller.abort();
    this.stopController.signal.addEventListener('abort', abortOnStop);
    let stalled = false;
    let stallTimer: NodeJS.Timeout | undefined;
    const armStallTimer = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => {
        stalled = true;
        controller.abort();
      }, this.opts.options.stallTimeoutMs);
    };
    armStallTimer();
    try {
      await this.opts.client.watch({
        path: resourcePath(this.opts.type),
        query: {
          watch: 'true',
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: 'true',
          timeoutSeconds: String(this.opts.options.watchTimeoutSeconds),
          labelSelector: this.opts.labelSelector,
        },
        signal: controller.signal,
        onEvent: event => {
          armStallTimer();
          this.handleEvent(event as WatchEvent);
        },
      });
    } catch (error) {
      if (error instanceof KubernetesApiError && error.statusCode === 410) {
        throw new ExpiredError();
      }
      if (stalled) {
        // A silent connection (half-open TCP, a hanging server): report it and relist,
        // which has its own timeout, rather than trusting a cache that may be stale.
        throw new KubernetesApiError(
          `no data from the cluster for ${Math.round(
            this.opts.options.stallTimeoutMs / 1000,
          )}s`,
          undefined,
          'Stalled',
        );
      }
      throw error;
    } finally {
      clearTimeout(stallTimer);
      this.stopController.signal.removeEventListener('abort', abortOnStop);
    }
  }

  private handleEvent(event: WatchEvent): void {
    const object = event.object;
    if (!object) return;
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.opts.cache.upsert(this.opts.type.kind, stripObject(object));
        break;
      case 'DELETED':
        this.opts.cache.delete(this.opts.type.kind, object);
        break;
      case 'BOOKMARK':
        break;
      case 'ERROR':
        if (object.code === 410) throw new ExpiredError();
        throw new KubernetesApiError(
          object.message ?? 'Watch error',
          object.code,
          object.reason,
        );
      default:
        return;
    }
    const rv = object.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (this.status.state !== 'ok' || this.status.error) {
      this.setStatus({ state: 'ok', lastSyncAt: new Date() });
    } else {
      this.status.lastSyncAt = new Date();
    }
  }

  private setStatus(status: SyncStatus): void {
    this.status = status;
    this.opts.onStatusChange?.();
  }

  private describe(): string {
    return `cluster ${this.opts.client.clusterName} ${this.opts.type.plural}`;
  }
}
