import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Whether Pyrra's recording rules are loaded in a Prometheus server. */
export type PyrraRulesMode = 'auto' | 'present' | 'absent';

/** One `progressiveDelivery.prometheus[]` entry. */
export interface PrometheusServerConfig {
  name: string;
  url: string;
  /** Clusters this server answers for; undefined = every cluster not claimed by another server. */
  clusters?: string[];
  timeoutMs: number;
  token?: string;
  pyrraRules: PyrraRulesMode;
}

export interface SloConfig {
  servers: PrometheusServerConfig[];
  demoMetrics: boolean;
}

const MODES: PyrraRulesMode[] = ['auto', 'present', 'absent'];

/** Reads `progressiveDelivery.prometheus` and `progressiveDelivery.demoMetrics`. */
export function readSloConfig(config: Config): SloConfig {
  const entries =
    config.getOptionalConfigArray('progressiveDelivery.prometheus') ?? [];
  const names = new Set<string>();
  const servers = entries.map(entry => {
    const name = entry.getString('name');
    if (names.has(name)) {
      throw new InputError(
        `progressiveDelivery.prometheus: duplicate server name '${name}'`,
      );
    }
    names.add(name);
    const url = entry.getString('url');
    if (!/^https?:\/\//.test(url)) {
      throw new InputError(
        `progressiveDelivery.prometheus '${name}': url must start with http:// or https://`,
      );
    }
    const timeoutSeconds = entry.getOptionalNumber('timeoutSeconds') ?? 5;
    if (!(timeoutSeconds > 0)) {
      throw new InputError(
        `progressiveDelivery.prometheus '${name}': timeoutSeconds must be positive`,
      );
    }
    const pyrraRules = (entry.getOptionalString('pyrraRules') ??
      'auto') as PyrraRulesMode;
    if (!MODES.includes(pyrraRules)) {
      throw new InputError(
        `progressiveDelivery.prometheus '${name}': pyrraRules must be one of ${MODES.join(
          ', ',
        )}`,
      );
    }
    return {
      name,
      url,
      clusters: entry.getOptionalStringArray('clusters'),
      timeoutMs: timeoutSeconds * 1000,
      token: entry.getOptionalString('token'),
      pyrraRules,
    };
  });
  return {
    servers,
    demoMetrics:
      config.getOptionalBoolean('progressiveDelivery.demoMetrics') ?? false,
  };
}

/**
 * The server for a cluster: the first that lists it, else the first without a cluster list.
 */
export function serverForCluster<T extends { clusters?: string[] }>(
  servers: readonly T[],
  cluster: string,
): T | undefined {
  return (
    servers.find(s => s.clusters?.includes(cluster)) ??
    servers.find(s => s.clusters === undefined)
  );
}
