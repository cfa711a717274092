import type { Resolvers } from '../../graphql/generated/resolvers.ts';
import { DEFAULT_APPROX_TOLERANCE } from './service.ts';

export const sweepResolvers = {
  Query: {
    phaseDiagram: async (_, a, ctx) => {
      const approxTolerance = a.approxTolerance ?? DEFAULT_APPROX_TOLERANCE;
      const cells = await ctx.services.sweeps.phaseDiagram(a.filter, a.bySigma ?? false, { sigma: a.sigma, approxTolerance });
      return { cells, trials: cells.reduce((s, c) => s + c.trials, 0), approxTolerance };
    },
    transitionEstimate: (_, a, ctx) =>
      ctx.services.sweeps.transitionEstimate(a.filter, a.level ?? 0.5, { metric: a.metric, sigma: a.sigma, approxTolerance: a.approxTolerance }),
    compareRecovery: (_, a, ctx) =>
      ctx.services.sweeps.compareRecovery(a.a, a.b, a.bySigma ?? false, { metric: a.metric, sigma: a.sigma, sigmaA: a.sigmaA, sigmaB: a.sigmaB, approxTolerance: a.approxTolerance }),
  },
} satisfies Resolvers;
