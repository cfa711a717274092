import type { Experiment } from '../../db/generated/prisma/client.ts';
import type { Context } from '../../graphql/context.ts';
import { notFound, parseId } from '../../graphql/errors.ts';
import { parseTags } from '../run/service.ts';
import type { Resolvers } from '../../graphql/generated/resolvers.ts';

export const experimentResolvers = {
  Query: {
    experiments: async (_, a, ctx) => {
      const p = await ctx.services.experiments.page(a.filter, a.first, a.after);
      return { nodes: p.nodes, pageInfo: { endCursor: p.endCursor, hasNextPage: p.hasNextPage }, totalCount: p.totalCount };
    },
    experiment: (_, a, ctx) => ctx.loaders.experiment.load(parseId('id', a.id)),
  },
  Mutation: {
    createExperiment: (_, a, ctx) => ctx.services.experiments.create(a.input),
    cancelExperiment: (_, a, ctx) => ctx.services.experiments.cancel(parseId('id', a.id)),
    retryFailed: (_, a, ctx) => ctx.services.experiments.retryFailed(parseId('experimentId', a.experimentId)),
    deleteExperiment: (_, a, ctx) => ctx.services.experiments.delete(parseId('id', a.id)),
    tagExperiment: (_, a, ctx) => ctx.services.experiments.tag(parseId('id', a.id), a.add, a.remove),
    annotateExperiment: (_, a, ctx) => ctx.services.experiments.annotate(parseId('id', a.id), a.notes),
    importCases: (_, a, ctx) =>
      ctx.services.experiments.importCases({
        experimentId: a.input.experimentId == null ? null : parseId('input.experimentId', a.input.experimentId),
        name: a.input.name ?? null,
        cases: a.input.cases,
      }),
  },
  Subscription: {
    experimentProgress: {
      subscribe: (_, a, ctx) => {
        const id = parseId('experimentId', a.experimentId);
        const updates = ctx.services.pubsub.subscribe(
          'experimentProgress',
          (p) => p.experimentId === id,
          async (p) => ({ experimentProgress: await ctx.services.experiments.progressLoader().load(p.experimentId) }),
        );
        // the current state first (when the experiment exists), then every change
        return (async function* () {
          const now = await ctx.services.experiments.progressLoader().load(id);
          if (now.status !== 'deleted') yield { experimentProgress: now };
          yield* updates;
        })();
      },
    },
  },
  Experiment: {
    tags: (e) => parseTags(e.tags),
    spec: (e) => JSON.parse(e.spec) as unknown,
    progress: (e, _, ctx) => ctx.loaders.progress.load(e.id),
    runs: (e, a, ctx) =>
      ctx.services.runs
        .page({ and: [{ experimentId: [e.id] }, ...(a.filter ? [a.filter] : [])] }, a.orderBy, a.first, a.after)
        .then((p) => ({ ...p, filter: { and: [{ experimentId: [e.id] }, ...(a.filter ? [a.filter] : [])] } })),
  },
} satisfies Resolvers;

export async function requireExperiment(ctx: Context, id: number): Promise<Experiment> {
  const e = await ctx.loaders.experiment.load(id);
  if (!e) throw notFound('experiment', id);
  return e;
}
