/** A failed request to a cluster, with the Kubernetes `Status` reason when it sent one. */
export class KubernetesApiError extends Error {
  readonly name = 'KubernetesApiError';

  constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly reason?: string,
  ) {
    super(message);
  }

  /** Transport failures (refused, reset, timeout) have no status code. */
  get isTransportError(): boolean {
    return this.statusCode === undefined;
  }
}
