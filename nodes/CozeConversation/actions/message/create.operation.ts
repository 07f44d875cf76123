import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { conversationIdField, optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, optionParameter, textParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { conversationIdOf, metaData } from '../../helpers/request';
import { CONTENT_TYPES, contentTypeOptions } from '../fields';

export const meta = {
	name: 'Create',
	action: 'Add a message to a conversation',
	description: 'Add a user or assistant message (it becomes context for the next chat)',
};

const roles = [
	{ name: 'User', value: 'user', description: 'A question from the user' },
	{ name: 'Assistant', value: 'assistant', description: 'An answer from the bot' },
];

export const description: INodeProperties[] = [
	conversationIdField,
	{ displayName: 'Role', name: 'role', type: 'options', options: roles, default: 'user' },
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'Text, or for Object String the JSON list of parts. An object or list mapped here is sent as its JSON text.',
	},
	{ displayName: 'Content Type', name: 'contentType', type: 'options', options: contentTypeOptions, default: 'text' },
	optionsField([
		{
			displayName: 'Meta Data (JSON)',
			name: 'metaData',
			type: 'json',
			default: '{}',
			description: 'Up to 16 string pairs stored with the message',
		},
	]),
];

/** POST /v1/conversation/message/create?conversation_id= (docs create_message.md): role, content, content_type. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const qs = { conversation_id: conversationIdOf(this, itemIndex) };
	const options = collectionParameter(this, 'options', itemIndex);
	const body: IDataObject = {
		role: optionParameter(this, 'role', itemIndex, 'Role', ['user', 'assistant'], 'user'),
		content: textParameter(this, 'content', itemIndex, 'Content', { required: true, objectsAsJson: true }),
		content_type: optionParameter(this, 'contentType', itemIndex, 'Content Type', CONTENT_TYPES, 'text'),
	};
	const meta = metaData(this, options.metaData, itemIndex);
	if (meta) body.meta_data = meta;
	return toItems(await cozeApiData.call(this, { method: 'POST', path: '/v1/conversation/message/create', qs, body, itemIndex }));
}
