export * as chat from './chat.operation';
