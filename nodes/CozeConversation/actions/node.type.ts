import type { OperationOf, RegisteredResource } from '../../shared/registry';
import { fromRegistry } from '../../shared/registry';
import * as conversation from './conversation';
import * as message from './message';

/** The one registry of Coze Conversation: pickers, subtitle, fields' display options and router keys come from it. */
export const resources = {
	conversation: { name: 'Conversation', description: 'Create, read, rename, clear and delete conversations', operations: conversation },
	message: { name: 'Message', description: 'Add, read, change and delete the messages of a conversation, and rate answers', operations: message },
} satisfies Record<string, RegisteredResource>;

/** Every valid resource / operation pair, e.g. { resource: 'message'; operation: 'addFeedback' }. */
export type CozeConversationType = OperationOf<typeof resources>;

export const { properties, subtitle, execute } = fromRegistry(resources, 'conversation', {
	defaultOperations: { conversation: 'create', message: 'create' },
});
