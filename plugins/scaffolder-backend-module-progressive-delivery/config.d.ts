export interface Config {
  progressiveDelivery?: {
    scaffolder?: {
      /**
       * Folder `progressive-delivery:publish:local` copies generated services into (demo only;
       * the action is refused when unset). Relative paths resolve from the backend's working
       * directory.
       */
      localPublishRoot?: string;
      /**
       * Clusters (names from `kubernetes.clusterLocatorMethods`) that
       * `progressive-delivery:kubernetes:apply` may write to; none when unset.
       */
      applyAllowedClusters?: string[];
    };
  };
}
