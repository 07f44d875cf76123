export * as get from './get.operation';
export * as upload from './upload.operation';
