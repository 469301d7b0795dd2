import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MemoryObjectStore } from '../../store/MemoryObjectStore';
import type { Clock } from '../../types';
import type { Identity } from '../auth';
import type { ResourceInfo } from '../registry';

/** Everything a resource handler needs about one request. */
export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  store: MemoryObjectStore;
  resource: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: 'status' | 'scale';
  query: URLSearchParams;
  identity: Identity;
  maxBodyBytes: number;
  /** For Table ages: the cluster's (possibly sped-up) clock. */
  clock: Clock;
}
