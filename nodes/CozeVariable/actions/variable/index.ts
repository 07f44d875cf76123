export * as get from './get.operation';
export * as set from './set.operation';
