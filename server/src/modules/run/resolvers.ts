import type { Run } from '../../db/generated/prisma/client.ts';
import { parseId } from '../../graphql/errors.ts';
import { weightsKey } from '../weights/service.ts';
import { requireExperiment } from '../experiment/resolvers.ts';
import type { RunFilter } from './filter.ts';
import { parseTags, type Page } from './service.ts';
import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { exportRuns } from './export.ts';

/** a page of runs with the filter that selected it (RunConnection.totalCount counts with it) */
export type RunPage = Page<Run> & { filter: RunFilter | null | undefined };

export const runResolvers = {
  Query: {
    runs: async (_, a, ctx): Promise<RunPage> => ({
      ...(await ctx.services.runs.page(a.filter, a.orderBy, a.first, a.after, a.offset)),
      filter: a.filter,
    }),
    run: (_, a, ctx) => ctx.services.runs.get(parseId('id', a.id)),
    runsExport: (_, a, ctx) => exportRuns(ctx.services.runs, a.filter, a.format === 'JSON' ? 'json' : 'csv'),
  },
  Mutation: {
    tagRun: (_, a, ctx) => ctx.services.runs.tag(parseId('id', a.id), a.add, a.remove),
    annotateRun: (_, a, ctx) => ctx.services.runs.annotate(parseId('id', a.id), a.notes),
  },
  Subscription: {
    runFinished: {
      subscribe: async function* (_, a, ctx) {
        const id = a.experimentId == null ? null : parseId('experimentId', a.experimentId);
        const finished = ctx.services.pubsub.subscribe(
          'runFinished',
          (p) => id === null || p.experimentId === id,
          (p) => ctx.services.runs.get(p.runId),
        );
        // a run deleted between finishing and being read is not sent (runFinished is non-null)
        for await (const run of finished) if (run) yield { runFinished: run };
      },
    },
  },
  RunConnection: {
    pageInfo: (p) => ({ endCursor: p.endCursor, hasNextPage: p.hasNextPage }),
    totalCount: (p, _, ctx) => ctx.services.runs.count(p.filter),
  },
  Run: {
    experiment: (r, _, ctx) => requireExperiment(ctx, r.experimentId),
    recoveredTolerance: (r) => r.recoveredTol,
    certificate: (r) => ({ nic: r.nic, kind: r.nicKind, bestDual: r.bestDual, certified: r.certified }),
    tags: (r) => parseTags(r.tags),
    lossCurve: (r) => parseLossCurve(r.lossCurve),
    plantedNetwork: (r, _, ctx) => ctx.loaders.weights.load(weightsKey(r.id, 'planted')),
    recoveredNetwork: (r, _, ctx) => ctx.loaders.weights.load(weightsKey(r.id, 'recovered')),
  },
} satisfies Resolvers;

/** the stored loss curve (JSON), or null; a malformed value reads as null rather than failing the query */
function parseLossCurve(raw: string | null): { epoch: number; loss: number }[] | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    if (!Array.isArray(v)) return null;
    return v
      .filter((p): p is { epoch: number; loss: number } => typeof p === 'object' && p !== null && Number.isInteger((p as { epoch: unknown }).epoch) && Number.isFinite((p as { loss: unknown }).loss))
      .map((p) => ({ epoch: p.epoch, loss: p.loss }));
  } catch {
    return null;
  }
}
