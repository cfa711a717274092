/**
 * What the server (bullmqExecutor.ts) and `rlab worker` (bullmqWorker.ts) agree on: the queue name, the
 * job payload, where workers publish their state, the cancel channel, and parsing redis:// URLs.
 */
import type { RedisOptions } from 'bullmq';

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
