/** Thrown by the store; the server maps `reason` to the matching Kubernetes Status. */
export class StoreError extends Error {
  constructor(
    readonly reason: 'AlreadyExists' | 'NotFound',
    readonly kind: string,
    readonly namespace: string | undefined,
    readonly objectName: string,
  ) {
    super(
      `${kind} ${namespace ? `${namespace}/` : ''}${objectName} ${
        reason === 'AlreadyExists' ? 'already exists' : 'not found'
      }`,
    );
    this.name = 'StoreError';
  }
}
