import { EntityWorkloadSelector } from '@pdelivery/backstage-plugin-progressive-delivery-common';

const DEFAULT_TTL_MS = 30 * 60_000;
const MAX_ENTITIES = 10_000;

/**
 * Entities someone looked at recently, with their selectors: only their channels get
 * signals, so a change costs a few label matches instead of a catalog query.
 */
export class EntityInterest {
  private readonly entities = new Map<
    string,
    { selector: EntityWorkloadSelector; at: number }
  >();

  constructor(
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  touch(entityRef: string, selector: EntityWorkloadSelector): void {
    this.entities.delete(entityRef);
    this.entities.set(entityRef, { selector, at: this.now() });
    if (this.entities.size > MAX_ENTITIES) {
      const oldest = this.entities.keys().next().value;
      if (oldest !== undefined) this.entities.delete(oldest);
    }
  }

  active(): Array<{ entityRef: string; selector: EntityWorkloadSelector }> {
    const cutoff = this.now() - this.ttlMs;
    const result = [];
    for (const [entityRef, entry] of this.entities) {
      if (entry.at < cutoff) {
        this.entities.delete(entityRef);
      } else {
        result.push({ entityRef, selector: entry.selector });
      }
    }
    return result;
  }
}
