import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectionField, concurrencyOptions, conversationIdField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, nodeOf, textValue } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { messageIdsOf, metaData } from '../../helpers/request';
import { contentTypeOptions, messageIdField } from '../fields';

export const meta = { name: 'Update', action: 'Update a message', description: 'Change the content or meta data of a message' };

export const description: INodeProperties[] = [
	conversationIdField,
	messageIdField,
	collectionField('updateFields', [
		{ displayName: 'Content', name: 'content', type: 'string', default: '' },
		{ displayName: 'Content Type', name: 'contentType', type: 'options', options: contentTypeOptions, default: 'text' },
		{ displayName: 'Meta Data (JSON)', name: 'metaData', type: 'json', default: '{}' },
	]),
	concurrencyOptions(),
];

/** POST /v1/conversation/message/modify (docs modify_message.md): the message comes back in `message`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const qs = messageIdsOf(this, itemIndex);
	const fields = collectionParameter(this, 'updateFields', itemIndex);
	const body: IDataObject = {};
	if (fields.content !== undefined) body.content = textValue(this, fields.content, 'Content', itemIndex, { objectsAsJson: true });
	if (fields.contentType) body.content_type = fields.contentType;
	const meta = metaData(this, fields.metaData, itemIndex);
	if (meta) body.meta_data = meta;
	if (Object.keys(body).length === 0) throw new NodeOperationError(nodeOf(this), 'Add at least one field to update', { itemIndex });
	const request = { method: 'POST' as const, path: '/v1/conversation/message/modify', qs, body, itemIndex, idempotent: true };
	const envelope = await cozeApiRequest.call(this, request);
	return toItems((envelope.message ?? envelope.data ?? {}) as IDataObject);
}
