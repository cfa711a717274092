import { LocalJobExecutor } from '../../src/modules/job/localExecutor.ts';
import { CONTRACT_RETRY, jobExecutorContract } from './jobExecutorContract.ts';

jobExecutorContract('local (pool of 2 compute processes, durable queue)', (sink) => new LocalJobExecutor(sink, { workers: 2, retry: CONTRACT_RETRY, leaseMs: 2000, pollMs: 50 }));
