export * from './spec.ts';
export * from './case.ts';
