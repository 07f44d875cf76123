export * as get from './get.operation';
export * as getNodeOutput from './getNodeOutput.operation';
export * as resume from './resume.operation';
