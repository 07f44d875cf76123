import type { INodeProperties } from 'n8n-workflow';

import { listMode, workspaceLocator } from '../../shared/descriptions';

/** Workspace picker feeding the knowledge-base list (not sent). */
export const workspacePicker: INodeProperties = workspaceLocator({
	description: 'Workspace to pick the knowledge base from (only used by the list)',
});

export const datasetField: INodeProperties = {
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
};

export const documentIdsField: INodeProperties = {
	displayName: 'Document IDs',
	name: 'documentIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7450000000000000001, 7450000000000000002',
	description: 'Comma-separated document IDs (document_id in the output of Create), or a list mapped from an expression',
};

export const datasetNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	description: 'Name of the knowledge base (at most 100 characters)',
};
