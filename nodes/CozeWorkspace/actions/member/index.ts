export * as add from './add.operation';
export * as getAll from './getAll.operation';
export * as remove from './remove.operation';
