export * as chat from './chat.operation';
export * as get from './get.operation';
export * as getNodeOutput from './getNodeOutput.operation';
export * as getRun from './getRun.operation';
export * as list from './list.operation';
export * as listVersions from './listVersions.operation';
export * as resume from './resume.operation';
export * as run from './run.operation';
