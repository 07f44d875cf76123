import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { streamChatTurn, turnOptions, turnToItems } from '../../../shared/chatTurn';
import { choiceField, optionsField } from '../../../shared/descriptions';
import { parseJsonParameter } from '../../../shared/json';
import { collectionParameter, nodeOf, optionParameter, parameterOf } from '../../../shared/params';
import { chatOf } from '../../helpers/chat';
import { chatTurnFields, turnOptionFields } from '../fields';

export const meta = {
	name: 'Submit Tool Outputs',
	action: 'Submit tool outputs',
	description: 'Send the results of the tool calls a bot asked for, and get its answer',
};

export const description: INodeProperties[] = [
	...chatTurnFields,
	choiceField('Tool Outputs', 'toolOutputsInput', 'fields', [
		['Fields', 'fields'],
		['JSON', 'json'],
	]),
	{
		displayName: 'Tool Outputs',
		name: 'toolOutputs',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Tool Output',
		description: 'One result per tool call listed in tool_calls of the requires_action item',
		displayOptions: { show: { toolOutputsInput: ['fields'] } },
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
		displayOptions: { show: { toolOutputsInput: ['json'] } },
	},
	optionsField(turnOptionFields),
];

/** The tool outputs as Coze takes them: {tool_call_id, output} with the output as text; at least one, each with an ID. */
function toolOutputsOf(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const node = nodeOf(ctx);
	let outputs: IDataObject[];
	if (optionParameter(ctx, 'toolOutputsInput', itemIndex, 'Tool Outputs', ['fields', 'json'], 'fields') === 'json') {
		outputs = parseJsonParameter<IDataObject[]>(ctx, parameterOf(ctx, 'toolOutputsJson', itemIndex, ''), 'Tool Outputs', itemIndex, []);
		if (!Array.isArray(outputs)) throw new NodeOperationError(node, 'Tool Outputs must be a JSON array', { itemIndex });
	} else {
		const collection = collectionParameter(ctx, 'toolOutputs', itemIndex) as { output?: IDataObject[] };
		outputs = (collection.output ?? []).map((o) => ({ tool_call_id: o.toolCallId, output: o.output }));
	}
	const toolOutputs = outputs.map((o, index) => {
		const id = String(o.tool_call_id ?? o.toolCallId ?? '').trim();
		if (!id) throw new NodeOperationError(node, `Tool output ${index + 1} has no tool call ID`, { itemIndex });
		const output = typeof o.output === 'string' ? o.output : JSON.stringify(o.output ?? '');
		return { tool_call_id: id, output };
	});
	if (toolOutputs.length === 0) throw new NodeOperationError(node, 'Add at least one tool output', { itemIndex });
	return toolOutputs;
}

/** POST /v3/chat/submit_tool_outputs (streamed): the bot goes on with the results and the turn is collected as in Send Message. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const chat = chatOf(this, itemIndex);
	const toolOutputs = toolOutputsOf(this, itemIndex);
	const options = turnOptions(this, collectionParameter(this, 'options', itemIndex), itemIndex);
	const request = { method: 'POST' as const, path: '/v3/chat/submit_tool_outputs', qs: chat, body: { tool_outputs: toolOutputs, stream: true } };
	const turn = await streamChatTurn(this, request, options, itemIndex);
	return await turnToItems(this, turn, options.outputMode, itemIndex);
}
