/**
 * rlab worker --redis redis://HOST:PORT [--concurrency N] [--backend B]   a BullMQ worker for a server
 * started with `rlab serve --redis`: computes runs on this machine and returns the results through
 * BullMQ (the server stores them). First line of standard output:
 *   Recovery Lab worker NAME on redis://HOST:PORT (N compute processes, backend B)
 */
import type { Command } from 'commander';
import { InputError } from '../../engine/caseFile.ts';
import { startBullmqWorker } from '../../modules/job/bullmqWorker.ts';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('compute jobs from a BullMQ queue on Redis for `rlab serve --redis`')
    .requiredOption('--redis <url>', 'Redis of the server (redis://HOST:PORT)')
    .option('--concurrency <n>', 'compute processes (jobs at a time)', '1')
    .option('--backend <name>', 'compute backend of the compute processes (RLAB_BACKEND)')
    .option('--lock-ms <ms>', 'BullMQ lock: another worker takes over a job of this one this long after it died', '30000')
    .option('--name <name>', 'worker name shown in the API (default HOST:PID)')
    .option('--heartbeat-ms <ms>', 'how often this worker publishes its state; the server drops it after 3 missed beats', '1000')
    .action(async (flags: { redis: string; concurrency: string; backend?: string; lockMs: string; name?: string; heartbeatMs: string }) => {
      const concurrency = Number(flags.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new InputError(`--concurrency "${flags.concurrency}" is not allowed: an integer from 1 to 256`, 'concurrency');
      const lockMs = Number(flags.lockMs);
      if (!Number.isInteger(lockMs) || lockMs < 500) throw new InputError(`--lock-ms "${flags.lockMs}" is not allowed: an integer of at least 500`, 'lock-ms');
      const heartbeatMs = Number(flags.heartbeatMs);
      if (!Number.isInteger(heartbeatMs) || heartbeatMs < 50 || heartbeatMs > 600_000) throw new InputError(`--heartbeat-ms "${flags.heartbeatMs}" is not allowed: an integer from 50 to 600000`, 'heartbeat-ms');
      if (!/^redis:\/\/[^/]+/.test(flags.redis)) throw new InputError(`--redis "${flags.redis}" is not allowed: expected redis://HOST:PORT`, 'redis');
      const w = await startBullmqWorker({ redisUrl: flags.redis, concurrency, lockMs, heartbeatMs, ...(flags.backend ? { backend: flags.backend } : {}), ...(flags.name ? { name: flags.name } : {}) });
      process.stdout.write(`Recovery Lab worker ${w.name} on ${flags.redis} (${concurrency} compute processes, backend ${flags.backend ?? 'auto'})\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          w.close().then(done, done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
