/**
 * `plum worker --redis URL [--workers N] [--name NAME] ...`: a long-running fleet worker (see
 * src/execution/redis/worker.ts). Stops on SIGTERM/SIGINT after finishing its running jobs; a
 * second signal stops it at once (other workers rerun its jobs when their leases expire).
 */
import { startWorker } from '../execution/redis/worker.js';
import { DEFAULT_LEASE_MS, DEFAULT_MAX_ATTEMPTS, defaultRedisUrl } from '../execution/redis/options.js';
import { integerOption, parseCommandArgs, type CliCommand } from './command.js';

const usage = `usage: plum worker [--redis URL] [--workers N] [--name NAME] [--concurrency N] [--lease-ms MS]
                   [--max-attempts N] [--unsafe]

Take execution jobs from a Redis queue (filled by \`plum eval --redis URL\` or \`plum run --redis URL\` on
any machine) and run them in this machine's sandbox, with the same isolation and verdicts as the
local backend. Runs until SIGTERM or Ctrl-C: it then finishes its running jobs and exits (a second
signal exits at once; its jobs are rerun elsewhere when their lease expires). See docs/distributed.md.

options:
  --redis URL         redis://[user:password@]host:port[/db], or rediss://... for TLS
                      (default: $PLUM_REDIS_URL, else redis://127.0.0.1:6379)
  --workers N         sandbox worker processes (default: one per core)
  --name NAME         name in logs and in the fleet's registry (default: <hostname>-<pid>)
  --concurrency N     jobs taken from the queue at once (default: 2 x workers + 2)
  --lease-ms MS       a job whose worker stops renewing its lease for MS is rerun elsewhere
                      (default ${DEFAULT_LEASE_MS}; every worker of a fleet should use the same)
  --max-attempts N    runs of a job that end with its worker gone before it is reported crash
                      (default ${DEFAULT_MAX_ATTEMPTS})
  --unsafe            run jobs even when a sandbox protection is off on this machine`;

export const command: CliCommand = {
  name: 'worker',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs({
      args: argv,
      options: {
        redis: { type: 'string' },
        workers: { type: 'string' },
        name: { type: 'string' },
        concurrency: { type: 'string' },
        'lease-ms': { type: 'string' },
        'max-attempts': { type: 'string' },
        unsafe: { type: 'boolean' },
      },
    }, `\n\n${usage}`);
    const worker = await startWorker({
      url: values.redis ?? defaultRedisUrl(),
      workers: integerOption(values.workers, '--workers', 1),
      concurrency: integerOption(values.concurrency, '--concurrency', 1),
      name: values.name,
      leaseMs: integerOption(values['lease-ms'], '--lease-ms', 1000),
      maxAttempts: integerOption(values['max-attempts'], '--max-attempts', 1),
      unsafe: values.unsafe ?? false,
    });
    await new Promise<void>((resolve) => {
      let signals = 0;
      const onSignal = () => {
        signals++;
        if (signals === 1) console.log(`plum worker ${worker.name}: stopping after the running jobs (signal again to stop now)`);
        void worker.stop(signals > 1).then(resolve);
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    });
    return 0;
  },
};
