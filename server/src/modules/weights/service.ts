/**
 * Planted and recovered networks of runs, loaded in batches (one DataLoader per request).
 */
import DataLoader from 'dataloader';
import type { Db } from '../../db/client.ts';
import type { Weights } from '../../db/generated/prisma/client.ts';
import { readWeights } from '../../db/readPool.ts';
import { decodeWeights, type DecodedWeights } from './codec.ts';

export type WeightsRole = 'planted' | 'recovered';

export class WeightsService {
  constructor(private readonly db: Db) {}

  loader(): DataLoader<string, (DecodedWeights & { role: string }) | null> {
    return new DataLoader(async (keys: readonly string[]) => {
      const runIds = [...new Set(keys.map((k) => Number(k.split(':')[0])))];
      // on a read thread when the store has one (db/readPool.ts), else through Prisma
      const rows = await readWeights<Weights>(this.db, runIds);
      const byKey = new Map(rows.map((r) => [`${r.runId}:${r.role}`, { ...decodeWeights(r), role: r.role }]));
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }
}

export function weightsKey(runId: number, role: WeightsRole): string {
  return `${runId}:${role}`;
}
