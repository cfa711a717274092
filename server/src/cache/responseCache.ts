/**
 * Finished GraphQL responses, kept as the bytes Apollo sent and sent again while the runs they were
 * computed from are unchanged (issue 12, "Scale": throughput that grows with concurrency).
 *
 * Profiled at concurrency 16 (`node --cpu-prof`, a cached `phaseDiagram` of 200 cells), the server's main
 * thread spent about 52% in graphql-js completing the result's 2,200 fields, 16% more in Apollo's
 * per-field cache-control hook and 8% in JSON.stringify, while the rows themselves came from the read
 * threads' cache. A response cache skips all three: a repeated request is a Map lookup, a few
 * generation reads (microseconds each) and the HTTP write.
 *
 * Never stale: a request whose operation only reads runs (phaseDiagram, transitionEstimate,
 * compareRecovery, runs, run: `isCacheableDocument`) runs in a `readTracker` store (db/readPool.ts), where
 * every read through the read pool notes the generation of the experiments it read (RunGeneration:
 * bumped by SQLite triggers in the transaction of every change of a run), taken before its query was
 * sent. The response is kept with those notes and served again only while each noted generation is
 * still the current one (`ReadPool.isCurrent`), checked at every request. A write that commits while a
 * response is computed makes it fail that check (its notes are older than the write), so at worst a fresh
 * response is recomputed once more; no time-to-live is involved. Responses with errors, mutations,
 * subscriptions, introspection and any field outside the list are never kept.
 *
 * Responses carry `x-rlab-response-cache: hit` (sent from the cache) or `stored` (computed and kept);
 * uncacheable ones carry neither. The key is the whole request as sent (query text, operation name, variables, extensions) and its
 * Accept header (Apollo picks the content type from it). A hit skips Apollo's parse and validation:
 * only an identical request whose earlier answer had no errors can hit, and validation of a document
 * against the schema is deterministic.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { getNamedType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { readTracker, type ReadNotes, type ReadPool } from '../db/readPool.ts';

/**
 * The root fields whose answers are functions of Run rows (and their Weights) read through the read pool,
 * and the types below them. Run.experiment reads the Experiment table (not tracked) and is left out; so
 * is every type not listed (Experiment, Job, WorkerState, ...). A field added to one of these types must
 * read its data through the read pool (readRows/readPage/readRuns/readWeights) or be listed in
 * UNCACHEABLE_FIELDS.
 */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set(['phaseDiagram', 'transitionEstimate', 'compareRecovery', 'runs', 'run']);
export const CACHEABLE_TYPES: ReadonlySet<string> = new Set(['PhaseDiagram', 'PhaseCell', 'TransitionEstimate', 'RecoveryComparison', 'ComparisonCell', 'RunConnection', 'PageInfo', 'Run', 'Certificate', 'Weights', 'LossPoint']);
export const UNCACHEABLE_FIELDS: ReadonlySet<string> = new Set(['Run.experiment']);

/** whether every field the document selects (in every operation and fragment) is one whose answer the cache can follow */
export function isCacheableDocument(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let ok = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(node) {
        if (node.operation !== 'query') ok = false;
      },
      Field(node) {
        const name = node.name.value;
        if (name === '__typename') return;
        const parent = typeInfo.getParentType();
        const parentName = parent ? getNamedType(parent).name : undefined;
        if (!parentName || name.startsWith('__')) ok = false;
        else if (parentName === 'Query') ok &&= CACHEABLE_ROOT_FIELDS.has(name);
        else ok &&= CACHEABLE_TYPES.has(parentName) && !UNCACHEABLE_FIELDS.has(`${parentName}.${name}`);
      },
    }),
  );
  return ok;
}

interface Entry {
  notes: ReadNotes;
  status: number;
  headers: [string, string | number | readonly string[]][];
  body: string;
}

/** what one request's Apollo pipeline tells the cache (set by the plugin, read when the body is sent) */
interface Capture {
  notes: ReadNotes;
  /** the executed operation is a query whose every field is cacheable */
  eligible: boolean;
  /** the response has data and no errors */
  clean: boolean;
}

const captures = new AsyncLocalStorage<Capture>();

/** `hit`: this response came from the cache; `stored`: it was computed and kept; absent: not cacheable */
export const CACHE_HEADER = 'x-rlab-response-cache';

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  stored: number;
  /** entries found but no longer current (a run they read changed) */
  stale: number;
  entries: number;
  bytes: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly cacheable = new WeakMap<DocumentNode, boolean>();
  readonly stats = { hits: 0, misses: 0, stored: 0, stale: 0 };

  constructor(
    private readonly pool: ReadPool,
    private readonly maxEntries = 512,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  snapshot(): ResponseCacheStats {
    return { ...this.stats, entries: this.entries.size, bytes: this.bytes };
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Express middleware, after the JSON body parser and before Apollo's: answers a current hit, else tracks the request */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown } | undefined;
    if (req.method !== 'POST' || !body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string') return next();
    const key = JSON.stringify([req.headers.accept ?? '', body.query, body.operationName ?? null, body.variables ?? null, body.extensions ?? null]);
    const hit = this.entries.get(key);
    if (hit) {
      if (this.pool.isCurrent(hit.notes)) {
        this.stats.hits++;
        // most recently used last
        this.entries.delete(key);
        this.entries.set(key, hit);
        res.status(hit.status);
        for (const [name, value] of hit.headers) res.setHeader(name, value);
        res.setHeader(CACHE_HEADER, 'hit');
        res.send(hit.body);
        return;
      }
      this.stats.stale++;
      this.drop(key, hit);
    }
    this.stats.misses++;
    const capture: Capture = { notes: { generations: new Map() }, eligible: false, clean: false };
    const before = new Set(res.getHeaderNames());
    const send = res.send.bind(res);
    res.send = (sent: unknown) => {
      res.send = send;
      if (capture.eligible && capture.clean && typeof sent === 'string' && res.statusCode === 200) {
        const headers = Object.entries(res.getHeaders())
          .filter(([name, value]) => !before.has(name) && value !== undefined)
          .map(([name, value]) => [name, value] as Entry['headers'][number]);
        if (this.store(key, { notes: capture.notes, status: res.statusCode, headers, body: sent })) res.setHeader(CACHE_HEADER, 'stored');
      }
      return send(sent);
    };
    captures.run(capture, () => readTracker.run(capture.notes, next));
  };

  /** Apollo plugin: marks the request's capture eligible (a cacheable query) and clean (no errors) */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const capture = captures.getStore();
        if (!capture) return;
        return {
          didResolveOperation: async (rc) => {
            let ok = this.cacheable.get(rc.document);
            if (ok === undefined) {
              ok = isCacheableDocument(rc.schema, rc.document);
              this.cacheable.set(rc.document, ok);
            }
            capture.eligible = ok && rc.operation?.operation === 'query';
          },
          willSendResponse: async (rc) => {
            const b = rc.response.body;
            capture.clean = b.kind === 'single' && !b.singleResult.errors && b.singleResult.data != null;
          },
        };
      },
    };
  }

  private store(key: string, entry: Entry): boolean {
    const size = key.length + entry.body.length;
    if (size > this.maxBytes / 4) return false;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, entry);
    this.bytes += size;
    this.stats.stored++;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.drop(oldestKey, oldest);
    }
    return true;
  }

  private drop(key: string, entry: Entry): void {
    if (this.entries.delete(key)) this.bytes -= key.length + entry.body.length;
  }
}
