import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chatStreamFields, chatStreamOptions, streamChatTurn, summarizeTurn, userMessage } from '../../../../shared/chatTurn';
import { appLocator, botLocator, choiceField, optionsField, workflowIdField, workflowVersionLocator } from '../../../../shared/descriptions';
import { parseJsonShape } from '../../../../shared/json';
import { toItems } from '../../../../shared/items';
import { collectionParameter, optionalId, requiredId, textParameter } from '../../../../shared/params';
import { workspaceField } from '../fields';

export const meta = {
	name: 'Chat With Chat Flow',
	action: 'Chat with a chat flow',
	description: 'Send a message to a published chat flow and get its answer',
	studio: true,
};

export const description: INodeProperties[] = [
	workspaceField(),
	{ ...workflowIdField('chatFlow'), description: 'The chat flow. It must be published.' },
	{
		...choiceField('Run As', 'runAs', 'app', [
			['App', 'app', 'A chat flow inside a Coze app (the app ID is required)'],
			['Bot', 'bot', 'A chat flow from the resource library, run as one of your bots'],
		]),
		description: 'Coze runs a chat flow on behalf of an app or a bot, whose variables and data it uses (docs workflow_chat.md)',
	},
	appLocator({ description: 'The Coze app the chat flow belongs to (required)', displayOptions: { show: { runAs: ['app'] } } }),
	botLocator({ description: 'The bot to run the chat flow as', displayOptions: { show: { runAs: ['bot'] } } }),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. Where is my order?',
		description: "The user's message to the chat flow",
	},
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		placeholder: '7430…',
		description: 'Continue a conversation (its messages are the context); empty starts a new one',
	},
	optionsField([
		{
			displayName: 'Binary Properties',
			name: 'binaryProperties',
			type: 'string',
			default: '',
			placeholder: 'data, photo',
			description: 'Comma-separated binary fields of the input item to upload and send with the message (images, files, audio)',
		},
		{
			displayName: 'File URLs',
			name: 'fileUrls',
			type: 'string',
			default: '',
			description: 'Comma-separated public URLs of images or files to send with the message',
		},
		...chatStreamFields,
		{
			displayName: 'Parameters (JSON)',
			name: 'parameters',
			type: 'json',
			default: '{}',
			description: "Custom inputs of the chat flow's start node",
		},
		{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'End-user ID (ext.user_id)' },
		workflowVersionLocator(
			'Run a specific published version of the chat flow instead of the latest (workflow_version; Coze honours it for chat flows of the resource library only)',
		),
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await chatWith(this, itemIndex);
}

/**
 * POST /v1/workflows/chat (docs workflow_chat.md): workflow_id, additional_messages, parameters and app_id or bot_id
 * are required; conversation_id and workflow_version go in the body. Streamed through the same chat path as Coze Chat (live chunks,
 * idle and total timeouts, the chat cancelled when abandoned). `parameters`: the start-node inputs of version 2's
 * form (checked, files uploaded); Options → Parameters (JSON) otherwise.
 */
export async function chatWith(ctx: IExecuteFunctions, itemIndex: number, parameters?: IDataObject): Promise<INodeExecutionData[]> {
	const workflowId = requiredId(ctx, 'workflowId', itemIndex, 'Chat Flow');
	const options = collectionParameter(ctx, 'options', itemIndex);
	const message = textParameter(ctx, 'message', itemIndex, 'Message', { objectsAsJson: true });
	if (!message.trim() && !options.binaryProperties && !options.fileUrls) {
		throw new NodeOperationError(ctx.getNode(), 'Message is empty: enter what the user says', { itemIndex });
	}
	const body: IDataObject = {
		workflow_id: workflowId,
		parameters: parameters ?? parseJsonShape(ctx, options.parameters ?? {}, 'Parameters', itemIndex, 'object'),
		additional_messages: [await userMessage(ctx, itemIndex, message, options)],
	};
	// Workflows saved before Run As existed kept App ID / Bot ID under Options.
	const legacyApp = optionalId(ctx, 'options.appId', itemIndex, 'App ID');
	const legacyBot = optionalId(ctx, 'options.botId', itemIndex, 'Bot ID');
	const runAs = textParameter(ctx, 'runAs', itemIndex, 'Run As') || (legacyBot && !legacyApp ? 'bot' : 'app');
	if (runAs === 'bot') body.bot_id = legacyBot || requiredId(ctx, 'botId', itemIndex, 'Bot');
	else body.app_id = legacyApp || requiredId(ctx, 'appId', itemIndex, 'App');
	const conversationId = optionalId(ctx, 'conversationId', itemIndex, 'Conversation ID');
	if (conversationId) body.conversation_id = conversationId;
	const userId = optionalId(ctx, 'options.userId', itemIndex, 'User ID');
	if (userId) body.ext = { user_id: userId };
	// docs workflow_chat.md: workflow_version, e.g. v0.0.5; unset runs the latest version.
	const version = optionalId(ctx, 'options.workflowVersion', itemIndex, 'Workflow Version');
	if (version) body.workflow_version = version;
	const turn = await streamChatTurn(ctx, { method: 'POST', path: '/v1/workflows/chat', body }, chatStreamOptions(ctx, options, itemIndex), itemIndex);
	const summary = summarizeTurn(turn);
	delete summary.events;
	return toItems({ workflow_id: workflowId, ...summary });
}
