import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonParameter } from '../../shared/json';
import { streamChatTurn, turnOptions, turnToItems } from '../../shared/chatTurn';
import { requiredId } from '../../shared/params';
import { chatIdField, conversationIdField, turnOptionFields } from './fields';
import { concurrencyOption } from '../../shared/descriptions';

const show = { operation: ['submitToolOutputs'] };

export const description: INodeProperties[] = [
	conversationIdField(['submitToolOutputs']),
	chatIdField(['submitToolOutputs']),
	{
		displayName: 'Tool Outputs',
		name: 'toolOutputsInput',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'fields',
		displayOptions: { show },
	},
	{
		displayName: 'Tool Outputs',
		name: 'toolOutputs',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Tool Output',
		description: 'One result per tool call listed in tool_calls of the requires_action item',
		displayOptions: { show: { ...show, toolOutputsInput: ['fields'] } },
		options: [
			{
				displayName: 'Output',
				name: 'output',
				values: [
					{ displayName: 'Tool Call ID', name: 'toolCallId', type: 'string', default: '', required: true },
					{ displayName: 'Output', name: 'output', type: 'string', default: '', description: 'The tool result, usually JSON text' },
				],
			},
		],
	},
	{
		displayName: 'Tool Outputs (JSON)',
		name: 'toolOutputsJson',
		type: 'json',
		default: '[{"tool_call_id": "", "output": ""}]',
		description: 'Array of {tool_call_id, output}; output objects are sent as JSON text',
		displayOptions: { show: { ...show, toolOutputsInput: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [concurrencyOption, ...turnOptionFields],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const conversationId = requiredId(this, 'conversationId', itemIndex, 'Conversation ID');
	const chatId = requiredId(this, 'chatId', itemIndex, 'Chat ID');
	let outputs: IDataObject[];
	if (this.getNodeParameter('toolOutputsInput', itemIndex) === 'json') {
		outputs = parseJsonParameter<IDataObject[]>(this, this.getNodeParameter('toolOutputsJson', itemIndex), 'Tool Outputs', itemIndex, []);
		if (!Array.isArray(outputs)) throw new NodeOperationError(node, 'Tool Outputs must be a JSON array', { itemIndex });
	} else {
		const collection = this.getNodeParameter('toolOutputs', itemIndex, {}) as { output?: IDataObject[] };
		outputs = (collection.output ?? []).map((o) => ({ tool_call_id: o.toolCallId, output: o.output }));
	}
	const toolOutputs = outputs.map((o, index) => {
		const id = String(o.tool_call_id ?? o.toolCallId ?? '').trim();
		if (!id) throw new NodeOperationError(node, `Tool output ${index + 1} has no tool call ID`, { itemIndex });
		const output = typeof o.output === 'string' ? o.output : JSON.stringify(o.output ?? '');
		return { tool_call_id: id, output };
	});
	if (toolOutputs.length === 0) throw new NodeOperationError(node, 'Add at least one tool output', { itemIndex });
	const options = turnOptions(this, this.getNodeParameter('options', itemIndex, {}) as IDataObject, itemIndex);
	const turn = await streamChatTurn(
		this,
		{
			method: 'POST',
			path: '/v3/chat/submit_tool_outputs',
			qs: { conversation_id: conversationId, chat_id: chatId },
			body: { tool_outputs: toolOutputs, stream: true },
		},
		options,
		itemIndex,
	);
	return await turnToItems(this, turn, options.outputMode, itemIndex);
}
