/* eslint-disable no-console */
import { parseCliArgs, USAGE, UsageError } from './cliArgs';
import { startSimulator } from './startSimulator';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n${USAGE}`);
      process.exit(2);
    }
    throw e;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const { help: _help, ...startOptions } = options;
  const sim = await startSimulator(startOptions);
  for (const c of sim.clusters) console.log(`${c.name}\t${c.url}`);
  const t = sim.clusters[0].tokens;
  console.log(`tokens: read-write "${t.readWrite}", read-only "${t.readOnly}"`);
  if (startOptions.kubeconfigPath) {
    console.log(
      `kubeconfig (a context per cluster): ${startOptions.kubeconfigPath}`,
    );
  }
  if (!startOptions.tls) {
    console.log(
      'note: kubectl sends tokens only over TLS; use --tls (or --anonymous) for kubectl',
    );
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping simulated clusters`);
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch(e => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
