import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { searchBotsAnyStatus, searchWorkspaces } from '../shared/listSearch';
import { botField, workspaceField } from './actions/fields';
import { resources, router } from './actions/router';

const BY_BOT = ['update', 'publish', 'unpublish', 'get'];

export class CozeBot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Bot',
		name: 'cozeBot',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["resource"] === "version" ? "Get Many Versions" : { create: "Create Bot", update: "Update Bot", publish: "Publish Bot", unpublish: "Unpublish Bot", get: "Get Bot", getAll: "Get Many Bots" }[$parameter["operation"]] }}',
		description: 'Create, configure, publish and list Coze bots (agents)',
		defaults: { name: 'Coze Bot' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bot', value: 'bot' },
					{ name: 'Version', value: 'version', description: 'Published and draft versions of a bot' },
				],
				default: 'bot',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['bot'] } },
				options: [
					{ name: 'Create', value: 'create', action: 'Create a bot', description: 'Create a draft bot in a workspace' },
					{ name: 'Get', value: 'get', action: 'Get a bot', description: 'Read the published or draft configuration of a bot' },
					{ name: 'Get Many', value: 'getAll', action: 'Get many bots', description: 'List the bots of a workspace (published or drafts)' },
					{
						name: 'Publish',
						value: 'publish',
						action: 'Publish a bot',
						description: 'Publish the current draft to the API channel (needed before chatting) or other channels',
					},
					{ name: 'Unpublish', value: 'unpublish', action: 'Unpublish a bot', description: 'Take a bot off one channel' },
					{
						name: 'Update',
						value: 'update',
						action: 'Update a bot',
						description: "Change the name, prompt, model, plugins, knowledge… of a bot's draft",
					},
				],
				default: 'create',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['version'] } },
				options: [
					{ name: 'Get Many', value: 'getAll', action: 'Get many versions of a bot', description: 'List the published or draft versions of a bot' },
				],
				default: 'getAll',
			},
			workspaceField({ resource: ['bot'], operation: ['create', 'getAll'] }, true),
			workspaceField({ resource: ['bot'], operation: BY_BOT }, false),
			workspaceField({ resource: ['version'], operation: ['getAll'] }, false),
			botField({ resource: ['bot'], operation: BY_BOT }),
			botField({ resource: ['version'], operation: ['getAll'] }),
			...Object.values(resources).flatMap((operations) => Object.values(operations).flatMap((operation) => operation.description)),
		],
	};

	methods = { listSearch: { searchWorkspaces, searchBotsAnyStatus } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
