export * as getAll from './getAll.operation';
