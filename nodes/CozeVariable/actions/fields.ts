import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { appLocator, botLocator, workspaceLocator } from '../../shared/descriptions';
import { idText, requiredId } from '../../shared/params';

const show = { operation: ['get', 'set'] };

/** Whose variables (bot or app), for which end user and channel: shared by Get and Set. */
export const ownerFields: INodeProperties[] = [
	{
		displayName: 'Owner',
		name: 'ownerType',
		type: 'options',
		options: [
			{ name: 'Bot', value: 'bot', description: 'Variables of a bot (agent)' },
			{ name: 'App', value: 'app', description: 'Variables of a Coze app' },
		],
		default: 'bot',
		displayOptions: { show },
	},
	workspaceLocator({
		description: 'Workspace to pick the bot or app from (only used by the lists)',
		displayOptions: { show },
	}),
	botLocator({ description: 'The bot whose variables to read or write', displayOptions: { show: { ...show, ownerType: ['bot'] } } }),
	appLocator({
		required: true,
		description: 'The Coze app whose variables to read or write (By ID: the number after project-ide/ in its URL)',
		displayOptions: { show: { ...show, ownerType: ['app'] } },
	}),
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'n8n-user',
		description:
			'The end user (connector_uid) whose values to read or write: the same ID you pass as User ID to Coze Chat or as user_id to a workflow run. Coze keeps variables per user.',
		displayOptions: { show },
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
		displayOptions: { show },
	},
];

/**
 * bot_id or app_id (exactly one), connector_id and connector_uid. docs read_variable.md and update_variable.md list
 * connector_uid as required for both reading and writing.
 */
export function ownerTarget(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const ownerType = ctx.getNodeParameter('ownerType', itemIndex, 'bot') as string;
	const owner = ownerType === 'bot' ? requiredId(ctx, 'botId', itemIndex, 'Bot') : requiredId(ctx, 'appId', itemIndex, 'App ID');
	// Coze keeps variables per end user (connector_uid): reading and writing both need one.
	const userId = requiredId(ctx, 'userId', itemIndex, 'User ID');
	const connectorId = idText(ctx, ctx.getNodeParameter('connectorId', itemIndex, '1024') as unknown, 'Channel', itemIndex);
	const target: IDataObject = { [ownerType === 'bot' ? 'bot_id' : 'app_id']: owner, connector_uid: userId };
	if (connectorId) target.connector_id = connectorId;
	return target;
}
