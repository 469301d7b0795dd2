export interface Config {
  progressiveDelivery?: {
    scaffolder?: {
      /**
       * Folder `progressive-delivery:publish:local` copies generated services into, as local git
       * repositories with `git: true` (demo only; the action, and
       * `progressive-delivery:catalog:register-local`, are refused when unset). Relative paths
       * resolve from the backend's working directory.
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
