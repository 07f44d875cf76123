export * as getCurrent from './getCurrent.operation';
