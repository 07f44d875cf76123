import type { INodeProperties } from 'n8n-workflow';

import { appLocator, botLocator, channelField, choiceField, workspaceLocator } from '../../shared/descriptions';

/** Whose variables (bot or app), for which end user and channel: the first fields of Get and Set. */
export const ownerFields: INodeProperties[] = [
	choiceField('Owner', 'ownerType', 'bot', [
		['Bot', 'bot', 'Variables of a bot (agent)'],
		['App', 'app', 'Variables of a Coze app'],
	]),
	workspaceLocator({ description: 'Workspace to pick the bot or app from (only used by the lists)' }),
	botLocator({ description: 'The bot whose variables to read or write', displayOptions: { show: { ownerType: ['bot'] } } }),
	appLocator({
		required: true,
		description: 'The Coze app whose variables to read or write (By ID: the number after project-ide/ in its URL)',
		displayOptions: { show: { ownerType: ['app'] } },
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
	},
	channelField('Channel (connector) the values belong to; chats through this package use API'),
];
