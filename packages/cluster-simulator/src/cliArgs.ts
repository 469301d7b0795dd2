import type { ScenarioName, StartSimulatorOptions } from './startSimulator';

export const USAGE = `Usage: yarn simulator --scenario demo|scale|empty --port <first port> [--clusters N]
       [--rollouts N] [--latency-ms N] [--tls] [--clock-speed N] [--kubeconfig FILE]
       [--anonymous none|read-only|read-write]`;

export class UsageError extends Error {}

function int(flag: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) {
    throw new UsageError(
      `${flag} needs an integer >= ${min}, got ${value ?? 'nothing'}`,
    );
  }
  return n;
}

/** Parses the command line into startSimulator options (no dependency on a flags library). */
export function parseCliArgs(
  argv: string[],
): StartSimulatorOptions & { help?: boolean } {
  const opts: StartSimulatorOptions & { help?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=')
      ? arg.split(/=(.*)/s, 2)
      : [arg, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--help':
      case '-h':
        opts.help = true;
        break;
      case '--scenario': {
        const s = value();
        if (!['demo', 'scale', 'empty'].includes(s ?? '')) {
          throw new UsageError(
            `--scenario must be demo, scale or empty, got ${s ?? 'nothing'}`,
          );
        }
        opts.scenario = s as ScenarioName;
        break;
      }
      case '--port':
        opts.firstPort = int('--port', value(), 0);
        break;
      case '--clusters':
        opts.clusters = int('--clusters', value(), 1);
        break;
      case '--rollouts':
        opts.rolloutsPerCluster = int('--rollouts', value(), 0);
        break;
      case '--latency-ms':
        opts.latencyMs = int('--latency-ms', value(), 0);
        break;
      case '--tls':
        opts.tls = true;
        break;
      case '--clock-speed': {
        const v = value();
        const n = Number(v);
        if (!(n > 0))
          throw new UsageError(
            `--clock-speed needs a positive number, got ${v}`,
          );
        opts.clockSpeed = n;
        break;
      }
      case '--kubeconfig': {
        const v = value();
        if (!v) throw new UsageError('--kubeconfig needs a file name');
        opts.kubeconfigPath = v;
        break;
      }
      case '--anonymous': {
        const v = value();
        if (!['none', 'read-only', 'read-write'].includes(v ?? '')) {
          throw new UsageError(
            `--anonymous must be none, read-only or read-write`,
          );
        }
        opts.anonymous = v as StartSimulatorOptions['anonymous'];
        break;
      }
      default:
        throw new UsageError(`unknown argument ${arg}`);
    }
  }
  return opts;
}
