import type { OperationOf, RegisteredResource } from '../../shared/registry';
import { fromRegistry } from '../../shared/registry';
import * as bot from './bot';
import * as version from './version';

/** The one registry of Coze Bot: pickers, subtitle, the fields' display options and the router all come from it. */
export const resources = {
	bot: { name: 'Bot', description: 'Create, configure, publish and list bots (agents)', operations: bot },
	version: { name: 'Version', description: 'Published and draft versions of a bot', operations: version },
} satisfies Record<string, RegisteredResource>;

export type CozeBotType = OperationOf<typeof resources>;

export const { properties, subtitle, execute } = fromRegistry(resources, 'bot');
