/**
 * One HTTP server on 127.0.0.1: GraphQL over HTTP (Apollo) at /graphql, graphql-ws subscriptions on the
 * same path, exports under /export, and the desktop app's web build at /. Every request needs the
 * per-launch token.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { unwrapResolverError } from '@apollo/server/errors';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, specifiedRules, validate, type GraphQLFormattedError } from 'graphql';
import { openStore, type OpenedStore } from '../db/client.ts';
import { buildExecutableSchema } from '../graphql/schema.ts';
import { createContext, type Context, type Services } from '../graphql/context.ts';
import { AppError, ErrorCode } from '../graphql/errors.ts';
import { queryLimitsRule } from '../graphql/limits.ts';
import { PubSub } from '../graphql/pubsub.ts';
import { ExperimentService } from '../modules/experiment/service.ts';
import { RunService } from '../modules/run/service.ts';
import { SweepService } from '../modules/sweep/service.ts';
import { JobService } from '../modules/job/service.ts';
import { LocalJobExecutor } from '../modules/job/localExecutor.ts';
import { BullmqJobExecutor } from '../modules/job/bullmqExecutor.ts';
import type { DurableQueue, JobExecutor, JobSink } from '../modules/job/executor.ts';
import { WeightsService } from '../modules/weights/service.ts';
import { isAuthorized, newToken, requireToken } from './auth.ts';
import { exportRouter } from './exports.ts';

export const DEFAULT_STATIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../desktop/dist/renderer');

export interface ServeOptions {
  dbFile: string;
  port?: number;
  token?: string;
  staticDir?: string;
  /** build the executor yourself; default: `bullmq` when redisUrl is set, else `local` */
  executor?: (sink: JobSink & DurableQueue) => JobExecutor;
  /** local executor: compute processes (default one per core), their backend, the job lease */
  workers?: number;
  backend?: string;
  leaseMs?: number;
  /** bullmq executor: dispatch to Redis (redis://HOST:PORT); workers are `rlab worker` processes */
  redisUrl?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  store: OpenedStore;
  services: Services;
  close(): Promise<void>;
}

/** codes that describe the client's request, passed through as they are; anything else is masked */
const PASS_THROUGH = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return { message: original.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: { ...original.extensions } };
  // Apollo reports every validation error as GRAPHQL_VALIDATION_FAILED; our limit rules carry their own code
  const inner = error instanceof GraphQLError && error.originalError instanceof GraphQLError ? error.originalError.extensions?.code : undefined;
  const code = typeof inner === 'string' && (Object.values(ErrorCode) as string[]).includes(inner) ? inner : formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code } };
  process.stderr.write(`rlab: internal error: ${original instanceof Error ? (original.stack ?? original.message) : String(original)}\n`);
  return { message: 'Internal server error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

const NOT_BUILT_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Recovery Lab</title></head>
<body><h1>Recovery Lab</h1><p>The server is running, but the desktop app's web build is missing (desktop/dist/renderer).
Build it with <code>pnpm --filter @rlab/desktop build</code>. The GraphQL API is at <code>/graphql</code>.</p></body></html>`;

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const store = await openStore(opts.dbFile);
  const db = store.db;
  const pubsub = new PubSub();
  const runs = new RunService(db);
  const jobs = new JobService(db, runs, pubsub);
  const executor = (
    opts.executor ??
    ((sink) =>
      opts.redisUrl
        ? new BullmqJobExecutor(sink, { redisUrl: opts.redisUrl })
        : new LocalJobExecutor(sink, { ...(opts.workers !== undefined ? { workers: opts.workers } : {}), ...(opts.backend ? { backend: opts.backend } : {}), ...(opts.leaseMs !== undefined ? { leaseMs: opts.leaseMs } : {}) }))
  )(jobs);
  const services: Services = {
    experiments: new ExperimentService(db, executor, pubsub),
    runs,
    sweeps: new SweepService(db),
    jobs,
    weights: new WeightsService(db),
    executor,
    pubsub,
  };
  const token = opts.token ?? newToken();
  const schema = buildExecutableSchema();
  const app = express();
  app.disable('x-powered-by');
  const http: Server = createServer(app);

  const wss = new WebSocketServer({ noServer: true });
  const wsServer = useServer<Record<string, unknown>>(
    {
      schema,
      context: () => createContext(services),
      validate: (s, doc) => validate(s, doc, [...specifiedRules, queryLimitsRule]),
      onError: () => undefined,
    },
    wss,
  );
  http.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/graphql' || !isAuthorized(req, token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const drainWs: ApolloServerPlugin = { serverWillStart: async () => ({ drainServer: async () => void (await wsServer.dispose()) }) };
  const apollo = new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    validationRules: [queryLimitsRule],
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: http }), drainWs],
  });
  await apollo.start();

  app.use(requireToken(token));
  app.use('/graphql', express.json({ limit: '20mb' }), expressMiddleware(apollo, { context: async () => createContext(services) }));
  app.use(exportRouter(services));
  const staticDir = opts.staticDir ?? DEFAULT_STATIC_DIR;
  if (existsSync(join(staticDir, 'index.html'))) {
    app.use(express.static(staticDir, { index: 'index.html' }));
    app.get('/{*path}', (_req, res) => res.sendFile(join(staticDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => res.type('html').send(NOT_BUILT_PAGE));
  }

  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await executor.start();
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    store,
    services,
    async close() {
      await executor.stop();
      await apollo.stop();
      wss.close();
      await store.close();
    },
  };
}
