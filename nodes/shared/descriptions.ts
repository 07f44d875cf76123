import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** Credentials block shared by every Coze node: one credential type per authentication method. */
export const cozeCredentials: INodeCredentialDescription[] = [
	{ name: 'cozeApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
	{ name: 'cozeOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'cozeJwtApi', required: true, displayOptions: { show: { authentication: ['jwt'] } } },
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Access Token', value: 'accessToken', description: 'Personal or service access token' },
		{ name: 'OAuth2', value: 'oAuth2', description: 'Coze OAuth app, signed in as a Coze user' },
		{ name: 'OAuth JWT (Service App)', value: 'jwt', description: 'Server-to-server OAuth app signing JWTs' },
	],
	default: 'accessToken',
};

/** Workspace picker (GET /v1/workspaces). Feeds the bot / workflow / knowledge-base lists; override name, routing, etc. */
export function workspaceLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Workspace',
		name: 'workspaceId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'Workspace to pick from (only used by the list below)',
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchWorkspaces', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '7350…' },
		],
		...overrides,
	};
}

/** Bot picker: published bots of the selected workspace, or a numeric bot ID. */
export function botLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Bot',
		name: 'botId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchBots', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '7342866812345678901',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A bot ID is a number, e.g. 7342866812345678901' } }],
			},
		],
		...overrides,
	};
}

/**
 * App picker: apps of the selected workspace published to the API channel, or an app ID (the number after
 * project-ide/ in the app's URL). Workflows that stored the ID as plain text keep working: read the value with
 * requiredId / optionalId (nodes/shared/params.ts), which accept both shapes.
 */
export function appLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'App',
		name: 'appId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The Coze app (project). The list shows the published apps of the workspace chosen above.',
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchApps', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '7442086831234567890',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'An app ID is a number, e.g. 7442086831234567890' } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://www.coze.cn/space/7350…/project-ide/7442086831234567890',
				extractValue: { type: 'regex', regex: 'project-ide/(\\d+)' },
				validation: [{ type: 'regex', properties: { regex: '.*project-ide/\\d+.*', errorMessage: 'The URL must contain project-ide/<number>' } }],
			},
		],
		...overrides,
	};
}

/**
 * What the Coze Workflow node does. The trigger uses the same text: n8n's node panel merges an action node and the
 * trigger whose name is the action's name + "Trigger" into one entry and shows the trigger's description there
 * (editor-ui useActionsGeneration.ts, generateMergedNodesAndActions: `app.description = trigger.description`).
 */
export const WORKFLOW_NODE_DESCRIPTION = 'Run Coze workflows (streaming, sync or in the background), answer their questions and read async results';

/** The workflow picker (From List / By ID / By URL), for Coze Workflow and the Workflow Trigger; shown for the given operations. */
export const workflowIdField = (operations?: string[]): INodeProperties => ({
	displayName: 'Workflow',
	name: 'workflowId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The workflow. It must be published (an unpublished workflow answers error 4200).',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchWorkflows', searchable: true } },
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '7366468917055123456',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A workflow ID is a number, e.g. 7366468917055123456' } }],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://www.coze.cn/work_flow?space_id=…&workflow_id=7366468917055123456',
			extractValue: { type: 'regex', regex: 'workflow_id=(\\d+)' },
			validation: [{ type: 'regex', properties: { regex: '.*workflow_id=\\d+.*', errorMessage: 'The URL must contain workflow_id=<number>' } }],
		},
	],
	displayOptions: operations ? { show: { operation: operations } } : undefined,
});
