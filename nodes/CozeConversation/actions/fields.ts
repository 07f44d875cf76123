import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parseJsonShape } from '../../shared/json';

/** Conversation ID field for the given resource and operations. */
export const conversationIdField = (resource: string, operation: string[]): INodeProperties => ({
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7430000000000000000',
	description: 'ID of the conversation (conversation_id in the output of Coze Chat or Create)',
	displayOptions: { show: { resource: [resource], operation } },
});

export const messageIdField = (operation: string[]): INodeProperties => ({
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7430000000000000001',
	description: 'ID of the message (the ID in the output of Get Many, or of Coze Chat with one item per message)',
	displayOptions: { show: { resource: ['message'], operation } },
});

export const contentTypeOptions = [
	{ name: 'Text', value: 'text' },
	{ name: 'Object String (Multimodal JSON)', value: 'object_string' },
];

/** `meta_data` from a JSON parameter: left out when empty. */
export function metaData(ctx: IExecuteFunctions, value: unknown, itemIndex: number): IDataObject | undefined {
	const meta = parseJsonShape(ctx, value ?? {}, 'Meta Data', itemIndex, 'object');
	return Object.keys(meta).length ? meta : undefined;
}

export const item = (json: IDataObject, itemIndex: number): INodeExecutionData[] => [{ json, pairedItem: { item: itemIndex } }];

export const items = (list: IDataObject[], itemIndex: number): INodeExecutionData[] =>
	list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
