import type { INodeProperties } from 'n8n-workflow';

import { listMode } from '../../shared/descriptions';

/** Plugin picker: store plugins (GET /v1/stores/plugins), or a plugin ID (also workspace library plugins). */
export const pluginLocator: INodeProperties = {
	displayName: 'Plugin',
	name: 'pluginId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'Plugin from the Coze plugin store, or the ID of any plugin (store or your library)',
	modes: [
		listMode('searchPlugins'),
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 7545873263293800001',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A plugin ID is a number, e.g. 7545873263293800001' } }],
		},
	],
};
