import type { Run } from '../../db/generated/prisma/client.ts';
import type { Context } from '../../graphql/context.ts';
import { parseId } from '../../graphql/errors.ts';
import { weightsKey } from '../weights/service.ts';
import { requireExperiment } from '../experiment/resolvers.ts';
import type { RunFilter } from './filter.ts';
import { parseTags, type Page } from './service.ts';
import type { MutationAnnotateRunArgs, MutationTagRunArgs, QueryRunArgs, QueryRunsArgs, SubscriptionRunFinishedArgs } from '@rlab/shared/generated/graphql.ts';

type RunPage = Page<Run> & { filter: RunFilter | null | undefined };

export const runResolvers = {
  Query: {
    runs: async (_: unknown, a: QueryRunsArgs, ctx: Context): Promise<RunPage> => ({
      ...(await ctx.services.runs.page(a.filter, a.orderBy, a.first, a.after)),
      filter: a.filter,
    }),
    run: (_: unknown, a: QueryRunArgs, ctx: Context) => ctx.services.runs.get(parseId('id', a.id)),
  },
  Mutation: {
    tagRun: (_: unknown, a: MutationTagRunArgs, ctx: Context) => ctx.services.runs.tag(parseId('id', a.id), a.add, a.remove),
    annotateRun: (_: unknown, a: MutationAnnotateRunArgs, ctx: Context) => ctx.services.runs.annotate(parseId('id', a.id), a.notes),
  },
  Subscription: {
    runFinished: {
      subscribe: (_: unknown, a: SubscriptionRunFinishedArgs, ctx: Context) => {
        const id = a.experimentId == null ? null : parseId('experimentId', a.experimentId);
        return ctx.services.pubsub.subscribe(
          'runFinished',
          (p) => id === null || p.experimentId === id,
          async (p) => ({ runFinished: await ctx.services.runs.get(p.runId) }),
        );
      },
    },
  },
  RunConnection: {
    pageInfo: (p: RunPage) => ({ endCursor: p.endCursor, hasNextPage: p.hasNextPage }),
    totalCount: (p: RunPage, _: unknown, ctx: Context) => ctx.services.runs.count(p.filter),
  },
  Run: {
    experiment: (r: Run, _: unknown, ctx: Context) => requireExperiment(ctx, r.experimentId),
    recoveredTolerance: (r: Run) => r.recoveredTol,
    certificate: (r: Run) => ({ nic: r.nic, kind: r.nicKind, bestDual: r.bestDual, certified: r.certified }),
    tags: (r: Run) => parseTags(r.tags),
    lossCurve: (r: Run) => parseLossCurve(r.lossCurve),
    plantedNetwork: (r: Run, _: unknown, ctx: Context) => ctx.loaders.weights.load(weightsKey(r.id, 'planted')),
    recoveredNetwork: (r: Run, _: unknown, ctx: Context) => ctx.loaders.weights.load(weightsKey(r.id, 'recovered')),
  },
};

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
