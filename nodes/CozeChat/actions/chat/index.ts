export * as cancelChat from './cancelChat.operation';
export * as getChat from './getChat.operation';
export * as listMessages from './listMessages.operation';
export * as sendMessage from './sendMessage.operation';
export * as submitToolOutputs from './submitToolOutputs.operation';
