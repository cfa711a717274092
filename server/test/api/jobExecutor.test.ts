import { LocalJobExecutor } from '../../src/modules/job/localExecutor.ts';
import { jobExecutorContract } from './jobExecutorContract.ts';

jobExecutorContract('LocalJobExecutor (worker thread)', (sink) => new LocalJobExecutor(sink));
