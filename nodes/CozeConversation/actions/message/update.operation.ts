import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requiredId, textValue } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { contentTypeOptions, conversationIdField, item, messageIdField, metaData } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

const show = { resource: ['message'], operation: ['update'] };

export const description: INodeProperties[] = [
	conversationIdField('message', ['update']),
	messageIdField(['update']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Content', name: 'content', type: 'string', default: '' },
			{ displayName: 'Content Type', name: 'contentType', type: 'options', options: contentTypeOptions, default: 'text' },
			{ displayName: 'Meta Data (JSON)', name: 'metaData', type: 'json', default: '{}' },
		],
	},
	concurrencyOptions(show),
];

/** POST /v1/conversation/message/modify (docs modify_message.md): the message comes back in `message`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const qs = {
		conversation_id: requiredId(this, 'conversationId', itemIndex, 'Conversation ID'),
		message_id: requiredId(this, 'messageId', itemIndex, 'Message ID'),
	};
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.content !== undefined) body.content = textValue(this, fields.content, 'Content', itemIndex, { objectsAsJson: true });
	if (fields.contentType) body.content_type = fields.contentType;
	const meta = metaData(this, fields.metaData, itemIndex);
	if (meta) body.meta_data = meta;
	if (Object.keys(body).length === 0) throw new NodeOperationError(this.getNode(), 'Add at least one field to update', { itemIndex });
	const envelope = await cozeApiRequest.call(this, {
		method: 'POST',
		path: '/v1/conversation/message/modify',
		qs,
		body,
		itemIndex,
		idempotent: true,
	});
	return item((envelope.message ?? envelope.data ?? {}) as IDataObject, itemIndex);
}
