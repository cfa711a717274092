/**
 * What every resolver gets: the services (one per domain, shared by all requests) and DataLoaders
 * (fresh per request, so batching never leaks data between requests).
 */
import type DataLoader from 'dataloader';
import type { Experiment } from '../db/generated/prisma/client.ts';
import type { ExperimentService, Progress } from '../modules/experiment/service.ts';
import type { RunService } from '../modules/run/service.ts';
import type { SweepService } from '../modules/sweep/service.ts';
import type { JobService } from '../modules/job/service.ts';
import type { JobExecutor } from '../modules/job/executor.ts';
import type { WeightsService } from '../modules/weights/service.ts';
import type { DecodedWeights } from '../modules/weights/codec.ts';
import type { EventBus } from '../modules/events.ts';

export interface Services {
  experiments: ExperimentService;
  runs: RunService;
  sweeps: SweepService;
  jobs: JobService;
  weights: WeightsService;
  executor: JobExecutor;
  /** the services' event bus (in-process PubSub); subscriptions read from it */
  pubsub: EventBus;
}

export interface Loaders {
  experiment: DataLoader<number, Experiment | null>;
  progress: DataLoader<number, Progress>;
  weights: DataLoader<string, (DecodedWeights & { role: string }) | null>;
}

export interface Context {
  services: Services;
  loaders: Loaders;
}

export function createContext(services: Services): Context {
  return {
    services,
    loaders: { experiment: services.experiments.loader(), progress: services.experiments.progressLoader(), weights: services.weights.loader() },
  };
}
