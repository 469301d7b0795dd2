export interface Config {
  techInsights?: {
    factRetrievers?: {
      /**
       * Schedule of the Progressive Delivery fact retriever. Tech Insights runs it only when
       * this entry exists. Suggested: `cadence: '0 * * * *'` and `lifecycle: { maxItems: 168 }`
       * (a week of hourly rows per entity).
       */
      progressiveDeliveryFactRetriever?: {
        /** Cron expression, e.g. `0 * * * *` for hourly. */
        cadence: string;
        /** Which stored fact rows to keep: the newest `maxItems`, or those younger than `timeToLive`. */
        lifecycle?:
          | { maxItems: number }
          | { timeToLive: Record<string, number> };
        /** How long one run may take (a duration object such as `{ minutes: 5 }`). */
        timeout?: Record<string, number>;
        /** Delay before the first run after start-up (a duration object). */
        initialDelay?: Record<string, number>;
      };
    };
  };
}
