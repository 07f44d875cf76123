import type { OperationOf, RegisteredResource } from '../../shared/registry';
import { fromRegistry } from '../../shared/registry';
import * as chat from './chat';

/** The one registry of Coze Chat: one resource, no Resource picker (stored workflows have none). */
export const resources = {
	chat: { name: 'Chat', description: 'Talk to a bot and read or cancel its chat turns', operations: chat },
} satisfies Record<string, RegisteredResource>;

export type CozeChatType = OperationOf<typeof resources>;

export const { properties, subtitle, execute } = fromRegistry(resources, 'chat', {
	resourcePicker: false,
	defaultOperations: { chat: 'sendMessage' },
});
