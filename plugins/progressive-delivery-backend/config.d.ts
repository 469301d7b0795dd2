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
  };
}
