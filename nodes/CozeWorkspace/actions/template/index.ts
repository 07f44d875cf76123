export * as duplicate from './duplicate.operation';
