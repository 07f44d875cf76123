export * as callTool from './callTool.operation';
export * as get from './get.operation';
export * as list from './list.operation';
