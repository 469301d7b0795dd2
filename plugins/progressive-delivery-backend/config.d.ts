export interface Config {
  /**
   * Progressive Delivery plugin settings. Clusters themselves come from the standard
   * `kubernetes.clusterLocatorMethods` block shared with the Kubernetes plugin.
   */
  progressiveDelivery?: {
    /**
     * Clusters (by name) to leave out of watching, e.g. clusters reached only through
     * client-side auth providers.
     */
    excludeClusters?: string[];
    /**
     * Tuning of the list-and-watch of each cluster. The defaults suit real API servers.
     */
    watch?: {
      /** Abort and resume a watch that sent nothing for this long. Default 90. */
      stallTimeoutSeconds?: number;
      /** Ask the API server to end each watch after this long (then resumed). Default 290. */
      timeoutSeconds?: number;
      /** Timeout of each list request. Default 30. */
      listTimeoutSeconds?: number;
      /** First retry delay after an error (exponential backoff with jitter). Default 1. */
      backoffInitialSeconds?: number;
      /** Longest retry delay. Default 60. */
      backoffMaxSeconds?: number;
    };
    /** Rollout actions (promote, abort, ...). */
    actions?: {
      /**
       * Timeout of each request that changes a cluster. An action that times out is
       * recorded with outcome `unknown` and never retried automatically. Default 10.
       */
      timeoutSeconds?: number;
    };
    /**
     * The audit log of rollout actions (stored in the plugin's database).
     */
    audit?: {
      /**
       * Days to keep audit rows; older rows are deleted once a day. Default 365; 0 keeps
       * rows forever. Rows still `initiated` (outcome not yet known) are kept for at least
       * a day whatever the setting.
       */
      retentionDays?: number;
    };
    /**
     * The rollout history behind the scorecard's outcome metrics (rollouts started,
     * completed and aborted, time to promote, analysis results, manual actions), stored in
     * the plugin's database.
     */
    history?: {
      /**
       * Days to keep recorded rollout events; older ones are deleted once a day. Default
       * 400; 0 keeps them forever.
       */
      retentionDays?: number;
    };
    /**
     * The scorecard's daily history (one point per entity and UTC day), stored in the
     * plugin's database.
     */
    scorecard?: {
      /**
       * Days to keep history points; older ones are deleted once a day. Default 400; 0 keeps
       * them forever. Below 91 the 90-day history and its trend lose their start.
       */
      retentionDays?: number;
    };
    /**
     * Prometheus servers holding the metrics of Pyrra ServiceLevelObjectives (SLO state,
     * error budgets, burn rates). Each SLO is evaluated on the server serving its cluster.
     */
    prometheus?: Array<{
      /** A name for messages and responses, unique. */
      name: string;
      /** Base URL of the Prometheus HTTP API, e.g. http://prometheus.monitoring:9090 */
      url: string;
      /**
       * Clusters (by name) this server serves. Without it the server serves every cluster
       * that no other server lists.
       */
      clusters?: string[];
      /** Timeout of each query. Default 5. */
      timeoutSeconds?: number;
      /**
       * Bearer token sent to the server.
       * @visibility secret
       */
      token?: string;
      /**
       * Whether Pyrra's recording rules are loaded in this server: `auto` (default) detects
       * them per SLO, `present` always queries them, `absent` always queries the raw series.
       */
      pyrraRules?: 'auto' | 'present' | 'absent';
    }>;
    /**
     * Use built-in, deterministic demo metrics instead of Prometheus (every SLO answer is
     * labelled as demo data). For demos and local development only.
     */
    demoMetrics?: boolean;
  };
}
