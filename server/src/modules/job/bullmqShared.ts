/**
 * What the server (bullmqExecutor.ts) and `rlab worker` (bullmqWorker.ts) agree on: the queue name, the
 * job payload, where workers publish their state, the cancel channel, and parsing redis:// URLs.
 */
import type { RedisOptions } from 'bullmq';
import type { WorkerInfo } from './executor.ts';

export const QUEUE_NAME = 'rlab-runs';
/** key prefix in Redis (RLAB_QUEUE_PREFIX), so several labs or test runs can share one Redis */
export const DEFAULT_PREFIX = process.env.RLAB_QUEUE_PREFIX ?? 'rlab';

export interface RunJobData {
  runId: number;
  /** the run's spec hash: its idempotency key */
  key: string;
  spec: unknown;
}

/** the BullMQ job id of a run: deterministic, so adding a run twice adds one job */
export function jobIdOf(runId: number, key: string): string {
  return `run-${runId}-${key.slice(0, 16)}`;
}
export function runIdOf(jobId: string): number | null {
  const m = /^run-(\d+)-/.exec(jobId);
  return m ? Number(m[1]) : null;
}

export const workerKeyPrefix = (prefix: string) => `${prefix}:rlab-workers:`;

/** a worker publishes its state every heartbeat; an entry without a fresh beat for HEARTBEAT_MISSES beats is gone */
export const DEFAULT_HEARTBEAT_MS = 1000;
export const HEARTBEAT_MISSES = 3;

/** what a worker writes under workerKeyPrefix, one key per compute process */
export interface WorkerBeat extends WorkerInfo {
  /** when it was written (ms since the epoch, the worker's clock) and the worker's heartbeat interval */
  beatAt: number;
  heartbeatMs: number;
}

/**
 * Whether a worker's entry is still alive: Redis expires the key after HEARTBEAT_MISSES beats, and the
 * server also drops an entry whose last beat is older than that (a key whose expiry was lost, a clock
 * that stopped), so a dead worker never stays listed as busy.
 */
export function beatIsFresh(b: Partial<WorkerBeat>, now: number): boolean {
  if (typeof b.beatAt !== 'number' || typeof b.heartbeatMs !== 'number') return true; // workers before heartbeats: the TTL alone
  return now - b.beatAt <= b.heartbeatMs * HEARTBEAT_MISSES;
}
export const cancelChannel = (prefix: string) => `${prefix}:rlab-cancel`;

export function redisOptions(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--redis "${url}" is not a URL; expected redis://HOST:PORT`);
  }
  if (u.protocol !== 'redis:') throw new Error(`--redis "${url}" is not allowed: expected redis://HOST:PORT`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(Number.isInteger(db) && db > 0 ? { db } : {}),
    maxRetriesPerRequest: null,
  };
}
