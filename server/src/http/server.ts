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
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ParseOptions } from 'graphql';
import { openStore, type OpenedStore } from '../db/client.ts';
import { readPoolOf } from '../db/readPool.ts';
import { ResponseCache } from '../cache/responseCache.ts';
import { buildExecutableSchema } from '../graphql/schema.ts';
import { createContext, type Context, type Services } from '../graphql/context.ts';
import { ErrorCode, formatError, formatRequestErrors, formatResult, logInternal } from '../graphql/errors.ts';
import { LIMITS, queryLimitsRule } from '../graphql/limits.ts';
import { PubSub } from '../graphql/pubsub.ts';
import { ExperimentService } from '../modules/experiment/service.ts';
import { RunService } from '../modules/run/service.ts';
import { SweepService } from '../modules/sweep/service.ts';
import { JobService } from '../modules/job/service.ts';
import { LocalJobExecutor } from '../modules/job/localExecutor.ts';
import { BullmqJobExecutor } from '../modules/job/bullmqExecutor.ts';
import type { DurableQueue, JobExecutor, JobSink } from '../modules/job/executor.ts';
import { WeightsService } from '../modules/weights/service.ts';
import { checkOrigin, isAuthorized, newToken, requireOrigin, requireToken } from './auth.ts';
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
  /** finished responses of run-reading queries (cache/responseCache.ts); null on the reference path (RLAB_READ_THREADS=0) */
  responseCache: ResponseCache | null;
  close(): Promise<void>;
}

/** the largest GraphQL body or WebSocket message: 200 case files of (100, 40) fit */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * Express's last error handler (issue 12 item 4): body-parser and routing errors become JSON with a
 * stable code; nothing about this machine (stack, paths) goes out. Express's own handler writes an HTML
 * page with the stack.
 */
function jsonErrors(err: unknown, req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (res.headersSent) return next(err);
  const e = (err ?? {}) as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : err instanceof URIError ? 400 : 500;
  const known: Record<string, [string, string]> = {
    'entity.parse.failed': [ErrorCode.BAD_REQUEST, 'the request body is not valid JSON'],
    'entity.too.large': [ErrorCode.PAYLOAD_TOO_LARGE, `the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`],
    'encoding.unsupported': [ErrorCode.BAD_REQUEST, 'the request body has an unsupported encoding'],
    'charset.unsupported': [ErrorCode.BAD_REQUEST, 'the request body has an unsupported charset'],
    'request.aborted': [ErrorCode.BAD_REQUEST, 'the request was aborted'],
    'request.size.invalid': [ErrorCode.BAD_REQUEST, 'the request body does not match its Content-Length'],
  };
  const [code, message] =
    (typeof e.type === 'string' ? known[e.type] : undefined) ??
    (status === 400 ? [ErrorCode.BAD_REQUEST, 'the request path or query does not decode (malformed percent-encoding)'] : status === 404 ? [ErrorCode.NOT_FOUND, 'not found'] : status === 413 ? [ErrorCode.PAYLOAD_TOO_LARGE, 'the request is too large'] : status < 500 ? [ErrorCode.BAD_REQUEST, 'bad request'] : [ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error']);
  if (status >= 500) logInternal(`${req.method} ${req.path} failed`, err);
  res.status(status >= 400 && status < 600 ? status : 500).json({ errors: [{ message, extensions: { code } }] });
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

  // filled in once the server listens (port 0 picks a free one); the origin checks need it
  let port = opts.port ?? 0;
  const parseOptions: ParseOptions = { maxTokens: LIMITS.maxTokens };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  const wsServer = useServer<Record<string, unknown>>(
    {
      schema,
      context: () => createContext(services),
      // parse and validate here: graphql-ws would close the whole socket (4500, with the error's text) on a
      // syntax error; a bad document is this operation's error, sent like a validation error
      onSubscribe: (_ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query, parseOptions);
        } catch (err) {
          return [err instanceof GraphQLError ? err : new GraphQLError('the query does not parse', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(schema, document, [...specifiedRules, queryLimitsRule]);
        if (errors.length > 0) return errors;
        const variableValues = payload.variables && typeof payload.variables === 'object' && !Array.isArray(payload.variables) ? payload.variables : {};
        return { schema, document, variableValues, ...(payload.operationName ? { operationName: payload.operationName } : {}), contextValue: createContext(services) };
      },
      // the same mapping as over HTTP: domain errors with their codes, internals masked
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result),
      onError: (_ctx, _id, _payload, errors) => formatRequestErrors(errors),
    },
    wss,
  );
  http.on('upgrade', (req, socket, head) => {
    const refuse = (status: string, code: string, message: string) => {
      const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return refuse('400 Bad Request', ErrorCode.BAD_REQUEST, 'the request path is not a URL');
    }
    const origin = checkOrigin(req, port);
    if (!origin.ok) return refuse('403 Forbidden', ErrorCode.FORBIDDEN_ORIGIN, origin.reason ?? 'forbidden');
    if (path !== '/graphql' || !isAuthorized(req, token)) return refuse('401 Unauthorized', ErrorCode.UNAUTHENTICATED, 'missing or wrong token');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  // responses of queries that only read runs, kept while those runs are unchanged; only with read threads,
  // whose reads note what they read (the reference path computes every response)
  const pool = readPoolOf(db);
  const responseCache = pool ? new ResponseCache(pool) : null;
  const drainWs: ApolloServerPlugin = { serverWillStart: async () => ({ drainServer: async () => void (await wsServer.dispose()) }) };
  const apollo = new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    validationRules: [queryLimitsRule],
    parseOptions,
    includeStacktraceInErrorResponses: false,
    formatError,
    // no landing page: Apollo's loads Sandbox scripts from its CDN into this origin, where the cookie is sent.
    // No cache-control hints either (no field has any, no HTTP cache sits in front): Apollo's plugin ran a hook
    // at every resolved field, 16% of the main thread for a phase diagram at concurrency 16 (responseCache.ts)
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      drainWs,
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ...(responseCache ? [responseCache.plugin()] : []),
    ],
  });
  await apollo.start();

  app.use((_req, res, next) => {
    // the app is never framed by another page (clickjacking); added beside the page's own CSP
    res.set({ 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none'", 'X-Content-Type-Options': 'nosniff' });
    next();
  });
  app.use(requireOrigin(() => port));
  app.use(requireToken(token));
  app.use('/graphql', express.json({ limit: MAX_BODY_BYTES }), ...(responseCache ? [responseCache.middleware] : []), expressMiddleware(apollo, { context: async () => createContext(services) }));
  app.use(exportRouter(services, schema));
  const staticDir = opts.staticDir ?? DEFAULT_STATIC_DIR;
  if (existsSync(join(staticDir, 'index.html'))) {
    app.use(express.static(staticDir, { index: 'index.html' }));
    app.get('/{*path}', (_req, res) => res.sendFile(join(staticDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => res.type('html').send(NOT_BUILT_PAGE));
  }
  app.use((req, res) => {
    res.status(404).json({ errors: [{ message: `no route for ${req.method} ${req.path.length > 100 ? req.path.slice(0, 97) + '...' : req.path}`, extensions: { code: ErrorCode.NOT_FOUND } }] });
  });
  app.use(jsonErrors);

  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = http.address();
  port = typeof address === 'object' && address ? address.port : 0;
  await executor.start();
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    store,
    services,
    responseCache,
    async close() {
      await executor.stop();
      await apollo.stop();
      wss.close();
      await store.close();
    },
  };
}
