import type { INodeProperties } from 'n8n-workflow';

import { choiceField } from '../../shared/descriptions';

export const messageIdField: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7430000000000000001',
	description: 'ID of the message (the ID in the output of Get Many, or of Coze Chat with one item per message)',
};

export const CONTENT_TYPES = ['text', 'object_string'] as const;

export const contentTypeOptions = [
	{ name: 'Text', value: 'text' },
	{ name: 'Object String (Multimodal JSON)', value: 'object_string' },
];

/** Newest First / Oldest First (each endpoint spells the two values its own way). */
export const newestFirstField = (displayName: string, name: string, newest: string, oldest: string): INodeProperties =>
	choiceField(displayName, name, newest, [
		['Newest First', newest],
		['Oldest First', oldest],
	]);
