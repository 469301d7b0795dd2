import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  entitySignalChannel,
  OPS_SIGNAL_CHANNEL,
  RolloutChangeSignal,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { EntityChange, EntityChangeTracker } from './EntityChangeTracker';

export interface ChangeSignallerOptions {
  debounceMs?: number;
  maxWaitMs?: number;
}

/**
 * Turns entity changes into signals: one debounced signal per affected entity channel, and
 * one on the ops channel. A burst of events within `debounceMs` becomes one signal, sent
 * no later than `maxWaitMs` after the first event.
 */
export class ChangeSignaller {
  private readonly pending = new Map<
    string,
    { first: number; timer: NodeJS.Timeout }
  >();
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private unsubscribe?: () => void;

  constructor(
    private readonly changes: EntityChangeTracker,
    private readonly signals: SignalsService | undefined,
    private readonly logger: LoggerService,
    options: ChangeSignallerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 200;
    this.maxWaitMs = options.maxWaitMs ?? 750;
  }

  start(): void {
    this.unsubscribe = this.changes.onEntityChange(change =>
      this.onChange(change),
    );
  }

  stop(): void {
    this.unsubscribe?.();
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private onChange(change: EntityChange): void {
    this.schedule(OPS_SIGNAL_CHANNEL, undefined);
    for (const entityRef of change.entityRefs) {
      this.schedule(entitySignalChannel(entityRef), entityRef);
    }
  }

  private schedule(channel: string, entityRef: string | undefined): void {
    const now = Date.now();
    const existing = this.pending.get(channel);
    if (existing) clearTimeout(existing.timer);
    const first = existing?.first ?? now;
    const delay = Math.max(
      0,
      Math.min(this.debounceMs, first + this.maxWaitMs - now),
    );
    const timer = setTimeout(() => {
      this.pending.delete(channel);
      this.publish(channel, entityRef);
    }, delay);
    timer.unref?.();
    this.pending.set(channel, { first, timer });
  }

  private publish(channel: string, entityRef: string | undefined): void {
    if (!this.signals) return;
    const message: RolloutChangeSignal = {
      ...(entityRef ? { entityRef } : {}),
      changedAt: new Date().toISOString(),
    };
    this.signals
      .publish({
        recipients: { type: 'broadcast' },
        channel,
        message: { ...message },
      })
      .catch(error =>
        this.logger.warn(
          `Could not publish signal on ${channel}: ${(error as Error).message}`,
        ),
      );
  }
}
