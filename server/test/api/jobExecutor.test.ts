import { LocalJobExecutor } from '../../src/modules/job/localExecutor.ts';
import { CONTRACT_RETRY, jobExecutorContract } from './jobExecutorContract.ts';
import { StoreSink } from './storeSink.ts';

const local = (sink: ConstructorParameters<typeof LocalJobExecutor>[0]) => new LocalJobExecutor(sink, { workers: 2, retry: CONTRACT_RETRY, leaseMs: 2000, pollMs: 50 });

jobExecutorContract('local (pool of 2 compute processes, in-memory durable queue)', local);
jobExecutorContract('local (pool of 2 compute processes, the real SQLite queue: JobService on a store file)', local, () => StoreSink.open());
