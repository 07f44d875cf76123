import type { OperationOf, RegisteredResource } from '../../shared/registry';
import { fromRegistry } from '../../shared/registry';
import * as plugin from './plugin';

/** Coze Plugin's one resource (no Resource picker: stored workflows have no `resource` parameter). */
export const resources = {
	plugin: { name: 'Plugin', description: 'Search the Coze plugin store, read a plugin and call its tools', operations: plugin },
} satisfies Record<string, RegisteredResource>;

export type CozePluginType = OperationOf<typeof resources>;

export const { properties, subtitle, execute } = fromRegistry(resources, 'plugin', { resourcePicker: false });
