import type { INodeProperties } from 'n8n-workflow';

/** Plugin picker: store plugins (GET /v1/stores/plugins), or a plugin ID (also workspace library plugins). */
export function pluginLocator(operations: string[]): INodeProperties {
	return {
		displayName: 'Plugin',
		name: 'pluginId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'Plugin from the Coze plugin store, or the ID of any plugin (store or your library)',
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchPlugins', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 7545873263293800001',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A plugin ID is a number, e.g. 7545873263293800001' } }],
			},
		],
		displayOptions: { show: { operation: operations } },
	};
}
