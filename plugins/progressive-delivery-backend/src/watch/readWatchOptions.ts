import { Config } from '@backstage/config';
import { WatchOptions } from './types';

/** Optional tuning under `progressiveDelivery.watch`; defaults suit real API servers. */
export function readWatchOptions(config: Config): Partial<WatchOptions> {
  const watch = config.getOptionalConfig('progressiveDelivery.watch');
  if (!watch) return {};
  const options: Partial<WatchOptions> = {};
  const stall = watch.getOptionalNumber('stallTimeoutSeconds');
  if (stall !== undefined) options.stallTimeoutMs = stall * 1000;
  const timeout = watch.getOptionalNumber('timeoutSeconds');
  if (timeout !== undefined) options.watchTimeoutSeconds = timeout;
  const list = watch.getOptionalNumber('listTimeoutSeconds');
  if (list !== undefined) options.listTimeoutMs = list * 1000;
  const initial = watch.getOptionalNumber('backoffInitialSeconds');
  const max = watch.getOptionalNumber('backoffMaxSeconds');
  if (initial !== undefined || max !== undefined) {
    options.backoff = {
      initialMs: (initial ?? 1) * 1000,
      maxMs: (max ?? 60) * 1000,
    };
  }
  return options;
}
