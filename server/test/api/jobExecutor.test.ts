import { LocalJobExecutor } from '../../src/modules/job/localExecutor.ts';
import { CONTRACT_RETRY, jobExecutorContract } from './jobExecutorContract.ts';
import { StoreSink } from './storeSink.ts';

const local = (leaseMs: number) => (sink: ConstructorParameters<typeof LocalJobExecutor>[0]) => new LocalJobExecutor(sink, { workers: 2, retry: CONTRACT_RETRY, leaseMs, pollMs: 50 });

jobExecutorContract('local (pool of 2 compute processes, in-memory durable queue)', local(2000));
// on the real queue every renewal is a write to the file: a longer lease, so that a loaded machine does not
// let a lease run out mid-job (the job would then be computed twice, though stored once)
jobExecutorContract('local (pool of 2 compute processes, the real SQLite queue: JobService on a store file)', local(6000), () => StoreSink.open());
