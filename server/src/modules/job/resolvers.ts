import { parseId } from '../../graphql/errors.ts';
import type { Resolvers } from '../../graphql/generated/resolvers.ts';

export const jobResolvers = {
  Query: {
    jobs: async (_, a, ctx) => {
      const p = await ctx.services.jobs.page(a.experimentId == null ? null : parseId('experimentId', a.experimentId), a.status, a.first, a.after);
      return { nodes: p.nodes, pageInfo: { endCursor: p.endCursor, hasNextPage: p.hasNextPage }, totalCount: p.totalCount };
    },
    workerState: (_, __, ctx) => ctx.services.executor.status(),
  },
  WorkerState: {
    workers: (s) => s.workers ?? [],
  },
  WorkerInfo: {
    runId: (w) => (w.runId === null ? null : String(w.runId)),
  },
  Job: {
    experimentId: (j) => String(j.experimentId),
    runId: (j) => String(j.runId),
  },
} satisfies Resolvers;
