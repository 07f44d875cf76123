import type { INodeCredentialDescription, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from './items';

/** Credentials block shared by every Coze node: one credential type per authentication method. */
export const cozeCredentials: INodeCredentialDescription[] = [
	{ name: 'cozeApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
	{ name: 'cozeOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'cozeJwtApi', required: true, displayOptions: { show: { authentication: ['jwt'] } } },
];

/**
 * What every Coze action node's description shares: its names, one main input and output, the credentials. The
 * node class adds its icon, subtitle, usableAsTool and properties as literals (n8n's lint reads them there).
 */
export function cozeNode(displayName: string, name: string, description: string, version = 1) {
	return {
		displayName,
		name,
		group: ['transform'],
		version,
		description,
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
	} satisfies Omit<INodeTypeDescription, 'properties'>;
}

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

type LocatorMode = NonNullable<INodeProperties['modes']>[number];

/** The label and name of a locator mode (spread into each mode: a mode is not a parameter and has no default). */
const modeLabel = (displayName: string, name: string) => ({ displayName, name });

/** A picker's "From List" mode, searched by the list-search method `method` (shared/listSearch.ts). */
export function listMode(method: string): LocatorMode {
	return { ...modeLabel('From List', 'list'), type: 'list', typeOptions: { searchListMethod: method, searchable: true } };
}

/** A picker's "By ID" mode for Coze's numeric IDs, e.g. noun 'A bot ID'. */
function numericIdMode(noun: string, example: string): LocatorMode {
	return {
		...modeLabel('By ID', 'id'),
		type: 'string',
		placeholder: example,
		validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: `${noun} is a number, e.g. ${example}` } }],
	};
}

/** A picker's "By URL" mode: the ID is the number after `marker` (e.g. 'workflow_id=') in a Coze page's URL. */
function urlMode(placeholder: string, marker: string, shownMarker: string): LocatorMode {
	return {
		...modeLabel('By URL', 'url'),
		type: 'string',
		placeholder,
		extractValue: { type: 'regex', regex: `${marker}(\\d+)` },
		validation: [{ type: 'regex', properties: { regex: `.*${marker}\\d+.*`, errorMessage: `The URL must contain ${shownMarker}<number>` } }],
	};
}

/** Workspace picker (GET /v1/workspaces). Feeds the bot / workflow / knowledge-base lists; override name, routing, etc. */
export function workspaceLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Workspace',
		name: 'workspaceId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'Workspace to pick from (only used by the list below)',
		modes: [listMode('searchWorkspaces'), { displayName: 'By ID', name: 'id', type: 'string', placeholder: '7350…' }],
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
		modes: [listMode('searchBots'), numericIdMode('A bot ID', '7342866812345678901')],
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
			listMode('searchApps'),
			numericIdMode('An app ID', '7442086831234567890'),
			urlMode('https://www.coze.cn/space/7350…/project-ide/7442086831234567890', 'project-ide/', 'project-ide/'),
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
/** The workflow picker; `chatFlow` lists chat flows instead of workflows (Chat With Chat Flow). */
export const workflowIdField = (kind: 'workflow' | 'chatFlow' = 'workflow'): INodeProperties => ({
	displayName: 'Workflow',
	name: 'workflowId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The workflow. It must be published (an unpublished workflow answers error 4200).',
	modes: [
		listMode(kind === 'chatFlow' ? 'searchChatFlows' : 'searchWorkflows'),
		numericIdMode('A workflow ID', '7366468917055123456'),
		urlMode('https://www.coze.cn/work_flow?space_id=…&workflow_id=7366468917055123456', 'workflow_id=', 'workflow_id='),
	],
});

/**
 * The workflow version picker (published versions of the picked workflow, GET /v1/workflows/:id/versions) or a typed
 * version such as v0.0.5; `description` says what the version does for this operation.
 */
export function workflowVersionLocator(description: string): INodeProperties {
	return {
		displayName: 'Workflow Version',
		name: 'workflowVersion',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [listMode('searchWorkflowVersions'), { displayName: 'By Version', name: 'id', type: 'string', placeholder: 'v0.0.5' }],
	};
}

/**
 * The Concurrency entry every operation's Options collection carries (n8n users look for batching under Options).
 * The router reads `options.concurrency`.
 */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many input items are sent to Coze at the same time (order and pairing are kept)',
};

const COLLECTIONS = {
	options: { displayName: 'Options', placeholder: 'Add Option' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
} as const;

/**
 * A collection of optional fields as n8n users know them (Options, Filters, Update Fields), its fields in
 * alphabetical order of their display names. Display options come from the node's registry.
 */
export function collectionField(name: keyof typeof COLLECTIONS, fields: INodeProperties[]): INodeProperties {
	const sortedFields = [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { ...COLLECTIONS[name], name, type: 'collection', default: {}, options: sortedFields };
}

/** The Options collection of an operation: its own options and Concurrency. */
export function optionsField(fields: INodeProperties[] = []): INodeProperties {
	return collectionField('options', [...fields, concurrencyOption]);
}

/** An Options collection holding only Concurrency, for operations that have no other options. */
export function concurrencyOptions(): INodeProperties {
	return optionsField([]);
}

/** One choice of a choice field: its name, value and (optional) description. */
export type Choice = [name: string, value: INodePropertyOptions['value'], description?: string];

/**
 * A field that picks one of a few values (type options), the choices in the order given. Spread it into an object
 * to add its description, displayOptions and the like: `{ ...choiceField(…), description: '…' }`.
 */
export function choiceField(displayName: string, name: string, defaultValue: INodePropertyOptions['value'], choices: Choice[]): INodeProperties {
	const options = choices.map(([label, value, description]) => ({ name: label, value, ...(description ? { description } : {}) }));
	return { displayName, name, type: 'options', options, default: defaultValue };
}

/** Return All / Limit as n8n users know them, for list operations (the registry adds the operation's display options). */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The conversation of Coze Chat's chat turns and of Coze Conversation's operations (conversation_id). */
export const conversationIdField: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7430…',
	description: 'ID of the conversation (conversation_id in the output of Coze Chat or of Coze Conversation → Create)',
};

/** The Channel (connector) a list or value belongs to: API (1024, the default) or Chat SDK (999). */
export function channelField(description: string): INodeProperties {
	return {
		...choiceField('Channel', 'connectorId', '1024', [
			['API', '1024'],
			['Chat SDK', '999'],
		]),
		description,
	};
}

/** The Input Binary Field of an operation that sends a file of the input item (`holding`: what the field holds). */
export function inputBinaryField(holding: string, description: string): INodeProperties {
	const hint = `The name of the input binary field containing ${holding}`;
	return { displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, hint, description };
}

/**
 * What every Coze trigger node's description shares (cozeNode's counterpart): its names, no input, one main output,
 * the credentials. The node class adds its icon, subtitle, how it fires (polling, webhooks) and properties.
 */
export function cozeTrigger(displayName: string, name: string, description: string) {
	return {
		displayName,
		name,
		group: ['trigger'],
		version: 1,
		description,
		defaults: { name: displayName },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
	} satisfies Omit<INodeTypeDescription, 'properties'>;
}
