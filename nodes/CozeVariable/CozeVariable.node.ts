import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { cozeRequestDefaults, outputFrom, summaryOf } from '../shared/declarative';
import { authenticationProperty, botLocator, cozeCredentials, workspaceLocator } from '../shared/descriptions';
import { searchBots, searchWorkspaces } from '../shared/listSearch';

/** preSend: exactly one owner (bot or app), connector, user; the pairs to write as `data`. */
async function ownerAndUser(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const itemIndex = this.getItemIndex();
	const ownerType = this.getNodeParameter('ownerType') as string;
	const owner =
		ownerType === 'bot'
			? String(this.getNodeParameter('botId', '', { extractValue: true }) ?? '').trim()
			: String(this.getNodeParameter('appId', '') ?? '').trim();
	if (!owner) throw new NodeOperationError(node, ownerType === 'bot' ? 'Choose a bot or enter its ID' : 'Enter the App ID', { itemIndex });
	const userId = String(this.getNodeParameter('userId', '') ?? '').trim();
	const connectorId = String(this.getNodeParameter('connectorId', '1024') ?? '').trim();
	const target: IDataObject = { [ownerType === 'bot' ? 'bot_id' : 'app_id']: owner };
	if (connectorId) target.connector_id = connectorId;
	if (userId) target.connector_uid = userId;

	if (this.getNodeParameter('operation') === 'get') {
		const keywords = String(this.getNodeParameter('keywords', '') ?? '')
			.split(',')
			.map((keyword) => keyword.trim())
			.filter(Boolean);
		if (keywords.length) target.keywords = keywords.join(',');
		return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), ...target } };
	}
	if (!userId) throw new NodeOperationError(node, 'User ID is required to write variables: Coze keeps them per user', { itemIndex });
	const pairs = ((this.getNodeParameter('variables', {}) as IDataObject).variable as IDataObject[] | undefined) ?? [];
	const data = pairs.map((pair) => ({ keyword: String(pair.keyword ?? '').trim(), value: String(pair.value ?? '') }));
	if (data.length === 0 || data.some((pair) => !pair.keyword)) {
		throw new NodeOperationError(node, 'Add at least one variable, each with a name', { itemIndex });
	}
	return { ...requestOptions, body: { ...(requestOptions.body as IDataObject), ...target, data } };
}

/** Get: one item with every variable as a field (plus the raw list), or one item per variable. */
async function shapeVariables(this: IExecuteSingleFunctions, items: Array<{ json: IDataObject }>) {
	const list = ((items[0]?.json?.data as IDataObject | undefined)?.items as IDataObject[] | undefined) ?? [];
	if (this.getNodeParameter('output', 'object') === 'items') return list.map((json) => ({ json }));
	const values = Object.fromEntries(list.map((entry) => [String(entry.keyword), entry.value]));
	return [{ json: { ...values, variables: list } }];
}

const ownerShow = { operation: ['get', 'set'] };

export class CozeVariable implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Variable',
		name: 'cozeVariable',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "set" ? "Set Variables" : "Get Variables" }}',
		description: 'Read and write the user variables (memory) of a Coze bot or app, per end user',
		defaults: { name: 'Coze Variable' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
		requestDefaults: cozeRequestDefaults,
		properties: [
			authenticationProperty,
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Get Variables',
						value: 'get',
						action: 'Get variables',
						description: 'Read the values of a user\'s variables',
						routing: {
							request: { method: 'GET', url: '/v1/variables' },
							send: { preSend: [ownerAndUser] },
							output: outputFrom(undefined, [shapeVariables]),
						},
					},
					{
						name: 'Set Variables',
						value: 'set',
						action: 'Set variables',
						description: 'Write values of a user\'s variables',
						routing: {
							request: { method: 'PUT', url: '/v1/variables' },
							send: { preSend: [ownerAndUser] },
							output: outputFrom(undefined, [
								summaryOf((ctx) => {
									const pairs = ((ctx.getNodeParameter('variables', {}) as IDataObject).variable as IDataObject[] | undefined) ?? [];
									return {
										updated: true,
										connector_uid: ctx.getNodeParameter('userId', ''),
										...Object.fromEntries(pairs.map((pair) => [String(pair.keyword ?? '').trim(), String(pair.value ?? '')])),
									};
								}),
							]),
						},
					},
				],
				default: 'get',
			},
			{
				displayName: 'Owner',
				name: 'ownerType',
				type: 'options',
				options: [
					{ name: 'Bot', value: 'bot', description: 'Variables of a bot (agent)' },
					{ name: 'App', value: 'app', description: 'Variables of a Coze app' },
				],
				default: 'bot',
				displayOptions: { show: ownerShow },
			},
			workspaceLocator({
				description: 'Workspace to pick the bot from (only used by the bot list)',
				displayOptions: { show: { ...ownerShow, ownerType: ['bot'] } },
			}),
			botLocator({ description: 'The bot whose variables to read or write', displayOptions: { show: { ...ownerShow, ownerType: ['bot'] } } }),
			{
				displayName: 'App ID',
				name: 'appId',
				type: 'string',
				default: '',
				required: true,
				placeholder: '7442086831234567890',
				description: 'ID of the Coze app (the number after project-ide/ in its URL)',
				displayOptions: { show: { ...ownerShow, ownerType: ['app'] } },
			},
			{
				displayName: 'User ID',
				name: 'userId',
				type: 'string',
				default: '',
				placeholder: 'n8n-user',
				description:
					'The end user (connector_uid): the same ID you pass as User ID to Coze Chat or as user_id to a workflow run. Required to write.',
				displayOptions: { show: ownerShow },
			},
			{
				displayName: 'Channel',
				name: 'connectorId',
				type: 'options',
				options: [
					{ name: 'API', value: '1024' },
					{ name: 'Chat SDK', value: '999' },
				],
				default: '1024',
				description: 'Channel (connector) the values belong to; chats through this package use API',
				displayOptions: { show: ownerShow },
			},
			{
				displayName: 'Variable Names',
				name: 'keywords',
				type: 'string',
				default: '',
				placeholder: 'city, language',
				description: 'Comma-separated names to read; empty reads every variable. Unknown names are skipped.',
				displayOptions: { show: { operation: ['get'] } },
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'One Item With All Variables', value: 'object', description: 'Each variable as a field, plus the full list' },
					{ name: 'One Item per Variable', value: 'items', description: 'Fields keyword, value, create_time and update_time' },
				],
				default: 'object',
				displayOptions: { show: { operation: ['get'] } },
			},
			{
				displayName: 'Variables',
				name: 'variables',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Variable',
				default: {},
				required: true,
				description: 'The variables to write (they must exist and be enabled on the bot or app; system variables are read-only)',
				displayOptions: { show: { operation: ['set'] } },
				options: [
					{
						displayName: 'Variable',
						name: 'variable',
						values: [
							{ displayName: 'Name', name: 'keyword', type: 'string', default: '', placeholder: 'city' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'Hangzhou' },
						],
					},
				],
			},
		],
	};

	methods = { listSearch: { searchWorkspaces, searchBots } };
}
