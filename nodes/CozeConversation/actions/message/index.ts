export * as addFeedback from './addFeedback.operation';
export * as create from './create.operation';
export * as delete from './delete.operation';
export * as deleteFeedback from './deleteFeedback.operation';
export * as get from './get.operation';
export * as getAll from './getAll.operation';
export * as update from './update.operation';
