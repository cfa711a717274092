/**
 * rlab serve [--port P] [--db FILE] [--workers N] [--backend B] [--redis redis://HOST:PORT]
 * the GraphQL API, subscriptions, exports and the desktop web build on 127.0.0.1. Jobs run on a local
 * pool of N compute processes (default one per core), or with --redis on BullMQ workers (`rlab worker`). The first line of standard output is exactly
 *   Recovery Lab listening on http://127.0.0.1:PORT/?token=T
 * (port 0 picks a free port; the token is new at every launch).
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { InputError } from '../../engine/caseFile.ts';
import { defaultDbFile, StoreLockedError } from '../../db/client.ts';
import { startServer } from '../../http/server.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the GraphQL API and the desktop web build on 127.0.0.1 (token-protected)')
    .option('--port <port>', 'TCP port; 0 picks a free one', '0')
    .option('--db <file>', `SQLite database file (default ${defaultDbFile()})`)
    .option('--static-dir <dir>', 'web build to serve at / (default desktop/dist/renderer)')
    .option('--workers <n>', 'local executor: compute processes (default: one per core)')
    .option('--backend <name>', 'local executor: compute backend of the workers (RLAB_BACKEND)')
    .option('--lease-ms <ms>', 'local executor: job lease; a dead worker\'s job is leased again after it', '15000')
    .option('--redis <url>', 'dispatch jobs to BullMQ on Redis (redis://HOST:PORT); start workers with `rlab worker`')
    .action(async (flags: { port: string; db?: string; staticDir?: string; workers?: string; backend?: string; leaseMs: string; redis?: string }) => {
      const port = Number(flags.port);
      if (flags.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port "${flags.port}" is not allowed: a port is an integer from 0 to 65535`, 'port');
      const workers = flags.workers === undefined ? undefined : Number(flags.workers);
      if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 256)) throw new InputError(`--workers "${flags.workers}" is not allowed: an integer from 1 to 256`, 'workers');
      const leaseMs = Number(flags.leaseMs);
      if (!Number.isInteger(leaseMs) || leaseMs < 200) throw new InputError(`--lease-ms "${flags.leaseMs}" is not allowed: an integer of at least 200`, 'lease-ms');
      if (flags.redis !== undefined && !/^redis:\/\/[^/]+/.test(flags.redis)) throw new InputError(`--redis "${flags.redis}" is not allowed: expected redis://HOST:PORT`, 'redis');
      const dbFile = flags.db ? resolve(flags.db) : defaultDbFile();
      let server;
      try {
        server = await startServer({
          dbFile,
          port,
          leaseMs,
          ...(flags.staticDir ? { staticDir: resolve(flags.staticDir) } : {}),
          ...(workers !== undefined ? { workers } : {}),
          ...(flags.backend ? { backend: flags.backend } : {}),
          ...(flags.redis ? { redisUrl: flags.redis } : {}),
        });
      } catch (err) {
        if (err instanceof StoreLockedError) throw new InputError(err.message, 'db');
        if ((err as { code?: string }).code === 'EADDRINUSE') throw new InputError(`--port ${port} is in use; pick another port or 0 for a free one`, 'port');
        throw err;
      }
      process.stdout.write(`Recovery Lab listening on ${server.url}\n`);
      if (server.store.migrationsApplied.length) process.stderr.write(`rlab: applied migrations: ${server.store.migrationsApplied.join(', ')}\n`);
      process.stderr.write(`rlab: database ${dbFile}\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server
            .close()
            .then(() => server.services.experiments.caseSolver.close())
            .then(done, done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
