export * as create from './create.operation';
export * as delete from './delete.operation';
export * as getAll from './getAll.operation';
export * as getProgress from './getProgress.operation';
export * as update from './update.operation';
