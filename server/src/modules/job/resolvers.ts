import type { Job } from '../../db/generated/prisma/client.ts';
import type { WorkerInfo, WorkerStateSnapshot } from './executor.ts';
import type { Context } from '../../graphql/context.ts';
import { parseId } from '../../graphql/errors.ts';
import type { QueryJobsArgs } from '@rlab/shared/generated/graphql.ts';

export const jobResolvers = {
  Query: {
    jobs: async (_: unknown, a: QueryJobsArgs, ctx: Context) => {
      const p = await ctx.services.jobs.page(a.experimentId == null ? null : parseId('experimentId', a.experimentId), a.status, a.first, a.after);
      return { nodes: p.nodes, pageInfo: { endCursor: p.endCursor, hasNextPage: p.hasNextPage }, totalCount: p.totalCount };
    },
    workerState: (_: unknown, __: unknown, ctx: Context) => ctx.services.executor.status(),
  },
  WorkerState: {
    workers: (s: WorkerStateSnapshot) => s.workers ?? [],
  },
  WorkerInfo: {
    runId: (w: WorkerInfo) => (w.runId === null ? null : String(w.runId)),
  },
  Job: {
    experimentId: (j: Job) => String(j.experimentId),
    runId: (j: Job) => String(j.runId),
  },
};
