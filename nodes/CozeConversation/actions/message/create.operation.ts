import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterOf, requiredId, textParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { contentTypeOptions, conversationIdField, item, metaData } from '../fields';
import { concurrencyOption } from '../../../shared/descriptions';

const show = { resource: ['message'], operation: ['create'] };

export const description: INodeProperties[] = [
	conversationIdField('message', ['create']),
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		options: [
			{ name: 'User', value: 'user', description: 'A question from the user' },
			{ name: 'Assistant', value: 'assistant', description: 'An answer from the bot' },
		],
		default: 'user',
		displayOptions: { show },
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'Text, or for Object String the JSON list of parts. An object or list mapped here is sent as its JSON text.',
		displayOptions: { show },
	},
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'options',
		options: contentTypeOptions,
		default: 'text',
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
			{
				displayName: 'Meta Data (JSON)',
				name: 'metaData',
				type: 'json',
				default: '{}',
				description: 'Up to 16 string pairs stored with the message',
			},
		],
	},
];

/** POST /v1/conversation/message/create?conversation_id= (docs create_message.md): role, content, content_type. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const conversationId = requiredId(this, 'conversationId', itemIndex, 'Conversation ID');
	const options = parameterOf(this, 'options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		role: parameterOf(this, 'role', itemIndex, 'user') as string,
		content: textParameter(this, 'content', itemIndex, 'Content', { required: true, objectsAsJson: true }),
		content_type: parameterOf(this, 'contentType', itemIndex, 'text') as string,
	};
	const meta = metaData(this, options.metaData, itemIndex);
	if (meta) body.meta_data = meta;
	const message = await cozeApiData.call(this, {
		method: 'POST',
		path: '/v1/conversation/message/create',
		qs: { conversation_id: conversationId },
		body,
		itemIndex,
	});
	return item(message, itemIndex);
}
