import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectChatStream, summarizeTurn } from '../../shared/chatTurn';
import { asNodeError, cozeApiError } from '../../shared/errors';
import { parseJsonShape } from '../../shared/json';
import { cozeApiStream } from '../../shared/transport';
import { workflowIdField, workspaceField } from './fields';
import { concurrencyOption } from '../../shared/router';

const show = { operation: ['chat'] };

export const description: INodeProperties[] = [
	workspaceField(['chat']),
	{ ...workflowIdField(['chat']), description: 'The chat flow. It must be published.' },
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. Where is my order?',
		description: 'The user\'s message to the chat flow',
		displayOptions: { show },
	},
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		placeholder: '7430…',
		description: 'Continue a conversation (its messages are the context); empty starts a new one',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			concurrencyOption,
			{ displayName: 'App ID', name: 'appId', type: 'string', default: '', description: 'Required for a chat flow inside a Coze app' },
			{ displayName: 'Bot ID', name: 'botId', type: 'string', default: '', description: 'Run a library chat flow as this bot' },
			{
				displayName: 'Parameters (JSON)',
				name: 'parameters',
				type: 'json',
				default: '{}',
				description: 'Custom inputs of the chat flow\'s start node',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 300,
				description: 'Fail when the answer takes longer than this (also the longest silence allowed on the stream)',
			},
			{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'End-user ID (ext.user_id)' },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const workflowId = String(this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true }) ?? '').trim();
	const message = String(this.getNodeParameter('message', itemIndex) ?? '');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (!workflowId) throw new NodeOperationError(node, 'Choose a chat flow or enter its ID', { itemIndex });
	if (!message.trim()) throw new NodeOperationError(node, 'Message is empty: enter what the user says', { itemIndex });
	const parameters = parseJsonShape(this, options.parameters, 'Parameters', itemIndex, 'object');
	if (options.appId && options.botId) throw new NodeOperationError(node, 'Set either App ID or Bot ID, not both', { itemIndex });
	const body: IDataObject = {
		workflow_id: workflowId,
		parameters,
		additional_messages: [{ role: 'user', content: message, content_type: 'text', type: 'question' }],
	};
	const conversationId = String(this.getNodeParameter('conversationId', itemIndex, '') ?? '').trim();
	if (conversationId) body.conversation_id = conversationId; // in the body here, unlike /v3/chat
	if (options.appId) body.app_id = String(options.appId).trim();
	if (options.botId) body.bot_id = String(options.botId).trim();
	if (options.userId) body.ext = { user_id: String(options.userId) };
	const timeoutSeconds = Number(options.timeout ?? 300);
	const deadline = Date.now() + timeoutSeconds * 1000;
	const { events, logId, close } = await cozeApiStream.call(this, {
		method: 'POST',
		path: '/v1/workflows/chat',
		body,
		itemIndex,
		timeoutMs: timeoutSeconds * 1000,
	});
	try {
		const turn = await collectChatStream(events, {
			node,
			itemIndex,
			logId,
			deadline,
			onDeadline: async () => {
				throw cozeApiError(node, { msg: `no answer within ${timeoutSeconds} s`, logId }, itemIndex);
			},
		});
		return [{ json: { workflow_id: workflowId, ...summarizeTurn(turn) }, pairedItem: { item: itemIndex } }];
	} catch (error) {
		throw asNodeError(node, error, itemIndex);
	} finally {
		close();
	}
}
