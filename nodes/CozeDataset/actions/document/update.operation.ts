import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectionField, concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, nodeOf, numberValue, requiredId, textValue } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { DOCUMENT_HEADERS } from '../../helpers/documents';

export const meta = {
	name: 'Update',
	action: 'Update a document',
	description: 'Rename a document or change how a web page is refreshed',
	studio: true,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Document ID',
		name: 'documentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '7450000000000000001',
		description: 'The document to change (document_id in the output of Create or Get Many)',
	},
	collectionField('updateFields', [
		{ displayName: 'Name', name: 'documentName', type: 'string', default: '', description: 'New name of the document' },
		{
			displayName: 'Auto Update (Web Pages)',
			name: 'autoUpdate',
			type: 'boolean',
			default: false,
			description: 'Whether Coze fetches the web page again on a schedule',
		},
		{
			displayName: 'Update Interval (Hours)',
			name: 'updateInterval',
			type: 'number',
			typeOptions: { minValue: 24 },
			default: 24,
			description: 'With Auto Update: how often to fetch the page again (at least 24 hours)',
		},
	]),
	concurrencyOptions(),
];

/** POST /open_api/knowledge/document/update (docs modify_knowledge_files.md): document_name, update_rule. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const documentId = requiredId(this, 'documentId', itemIndex, 'Document ID');
	const fields = collectionParameter(this, 'updateFields', itemIndex);
	const body: IDataObject = { document_id: documentId };
	const name = textValue(this, fields.documentName, 'Name', itemIndex).trim();
	if (name) body.document_name = name;
	if (fields.autoUpdate !== undefined) {
		body.update_rule = fields.autoUpdate
			? { update_type: 1, update_interval: numberValue(this, fields.updateInterval ?? 24, 'Update Interval (Hours)', itemIndex, { min: 24 }) }
			: { update_type: 0 };
	}
	if (Object.keys(body).length === 1) throw new NodeOperationError(nodeOf(this), 'Add at least one field to update', { itemIndex });
	await cozeApiRequest.call(this, {
		method: 'POST',
		path: '/open_api/knowledge/document/update',
		headers: DOCUMENT_HEADERS,
		body,
		itemIndex,
		idempotent: true,
	});
	return toItems({ updated: true, ...body });
}
