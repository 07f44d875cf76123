import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { searchWorkspaces } from '../shared/listSearch';
import { resources, router } from './actions/router';

export class CozeWorkspace implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Workspace',
		name: 'cozeWorkspace',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage Coze workspaces and their members, list their apps, read the current user and copy templates',
		defaults: { name: 'Coze Workspace' },
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
					{ name: 'App', value: 'app', description: 'Apps (projects) of a workspace' },
					{ name: 'Member', value: 'member', description: 'People in a workspace' },
					{ name: 'Template', value: 'template', description: 'Coze templates (copy one into a workspace)' },
					{ name: 'User', value: 'user', description: 'The Coze user behind the credential' },
					{ name: 'Workspace', value: 'workspace' },
				],
				default: 'workspace',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['workspace'] } },
				options: [
					{ name: 'Create', value: 'create', action: 'Create a workspace', description: 'Create a team workspace' },
					{ name: 'Get Many', value: 'getAll', action: 'Get many workspaces', description: 'List the workspaces you created or joined' },
					{ name: 'Update', value: 'update', action: 'Update a workspace', description: 'Rename a workspace or change its description' },
				],
				default: 'getAll',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['member'] } },
				options: [
					{ name: 'Add', value: 'add', action: 'Add members to a workspace', description: 'Add (or invite) users as members or admins' },
					{ name: 'Get Many', value: 'getAll', action: 'Get many workspace members', description: 'List the members of a workspace' },
					{ name: 'Remove', value: 'remove', action: 'Remove members from a workspace', description: 'Remove users from a workspace' },
				],
				default: 'getAll',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['user'] } },
				options: [
					{
						name: 'Get Current',
						value: 'getCurrent',
						action: 'Get the current user',
						description: "Read the ID and names of the credential's Coze user",
					},
				],
				default: 'getCurrent',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['template'] } },
				options: [
					{ name: 'Duplicate', value: 'duplicate', action: 'Duplicate a template', description: 'Copy a template (e.g. an agent) into a workspace' },
				],
				default: 'duplicate',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['app'] } },
				options: [
					{
						name: 'Get Many',
						value: 'getAll',
						action: 'Get many apps',
						description: 'List the apps of a workspace with their publish state (as data, not only in pickers)',
					},
				],
				default: 'getAll',
			},
			...Object.values(resources).flatMap((operations) => Object.values(operations).flatMap((operation) => operation.description)),
		],
	};

	methods = { listSearch: { searchWorkspaces } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
