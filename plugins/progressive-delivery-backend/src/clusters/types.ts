/** How the backend authenticates to a cluster. Only server-side strategies can watch. */
export type ClusterAuth =
  | { provider: 'serviceAccount'; token?: string }
  | { provider: 'unsupported'; name: string };

/** One cluster from the standard `kubernetes.clusterLocatorMethods` block. */
export interface ClusterDetails {
  name: string;
  title?: string;
  url: string;
  auth: ClusterAuth;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
}

/** Supplies the clusters to watch; one implementation per locator type. */
export interface ClusterSupplier {
  getClusters(): Promise<ClusterDetails[]>;
}
