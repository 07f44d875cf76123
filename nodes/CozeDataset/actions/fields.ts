import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listMode, workspaceLocator } from '../../shared/descriptions';
import { idText } from '../../shared/params';

/** Knowledge document routes want this header so Coze keeps 19-digit IDs as strings (docs create_knowledge_files.md). */
export const DOCUMENT_HEADERS = { 'Agw-Js-Conv': 'str' };

export const on = (resource: string, operation: string[]) => ({ show: { resource: [resource], operation } });

/** Workspace picker feeding the knowledge-base list (not sent). */
export const workspacePicker = (resource: string, operation: string[]): INodeProperties =>
	workspaceLocator({ description: 'Workspace to pick the knowledge base from (only used by the list)', displayOptions: on(resource, operation) });

export const datasetField = (resource: string, operation: string[]): INodeProperties => ({
	displayName: 'Knowledge Base',
	name: 'datasetId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		listMode('searchDatasets'),
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '7450000000000000000',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A knowledge base ID is a number' } }],
		},
	],
	displayOptions: on(resource, operation),
});

export const documentIdsField = (resource: string, operation: string[]): INodeProperties => ({
	displayName: 'Document IDs',
	name: 'documentIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7450000000000000001, 7450000000000000002',
	description: 'Comma-separated document IDs (document_id in the output of Create), or a list mapped from an expression',
	displayOptions: on(resource, operation),
});

/** Document IDs as strings (Coze IDs exceed 2^53): comma-separated text or a list of IDs. */
export function documentIds(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const value = ctx.getNodeParameter('documentIds', itemIndex, '') as unknown;
	const parts = Array.isArray(value)
		? value
		: String(typeof value === 'number' ? idText(ctx, value, 'Document IDs', itemIndex) : (value ?? '')).split(/[\s,]+/);
	const ids = parts.map((part) => idText(ctx, part, 'Document ID', itemIndex)).filter(Boolean);
	if (ids.length === 0) throw new NodeOperationError(ctx.getNode(), 'Enter at least one document ID', { itemIndex });
	return ids;
}

export const item = (json: IDataObject, itemIndex: number): INodeExecutionData[] => [{ json, pairedItem: { item: itemIndex } }];

export const items = (list: IDataObject[], itemIndex: number): INodeExecutionData[] =>
	list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
