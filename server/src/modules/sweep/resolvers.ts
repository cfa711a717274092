import type { Context } from '../../graphql/context.ts';
import type { QueryCompareRecoveryArgs, QueryPhaseDiagramArgs, QueryTransitionEstimateArgs } from '@rlab/shared/generated/graphql.ts';

export const sweepResolvers = {
  Query: {
    phaseDiagram: async (_: unknown, a: QueryPhaseDiagramArgs, ctx: Context) => {
      const cells = await ctx.services.sweeps.phaseDiagram(a.filter, a.bySigma ?? false);
      return { cells, trials: cells.reduce((s, c) => s + c.trials, 0) };
    },
    transitionEstimate: (_: unknown, a: QueryTransitionEstimateArgs, ctx: Context) => ctx.services.sweeps.transitionEstimate(a.filter, a.level ?? 0.5),
    compareRecovery: async (_: unknown, a: QueryCompareRecoveryArgs, ctx: Context) => ({
      cells: await ctx.services.sweeps.compareRecovery(a.a, a.b, a.bySigma ?? false),
    }),
  },
};
