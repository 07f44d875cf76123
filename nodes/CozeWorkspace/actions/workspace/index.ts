export * as create from './create.operation';
export * as getAll from './getAll.operation';
export * as update from './update.operation';
