import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { cozeRequestDefaults, outputFrom, returnAllOrLimit } from '../shared/declarative';
import { authenticationProperty, cozeCredentials, workspaceLocator } from '../shared/descriptions';
import { searchDatasets, searchWorkspaces } from '../shared/listSearch';
import { documentBody, documentIds, waitForProcessing } from './descriptions/hooks';

const DOCUMENT_HEADERS = { 'Agw-Js-Conv': 'str' };
const on = (resource: string, operation: string[]) => ({ show: { resource: [resource], operation } });
const datasetIdExpr = 'String($parameter.datasetId?.value ?? $parameter.datasetId).trim()';
const datasetUrl = (suffix = '') => `=/v1/datasets/{{ encodeURIComponent(${datasetIdExpr}) }}${suffix}`;

const workspace = (show: INodeProperties['displayOptions'], send?: 'query' | 'body'): INodeProperties =>
	workspaceLocator({
		required: !!send,
		description: send ? 'The workspace (space) of the knowledge bases' : 'Workspace to pick the knowledge base from (only used by the list)',
		displayOptions: show,
		routing: send ? { send: { type: send, property: 'space_id' } } : undefined,
	});

const dataset = (show: INodeProperties['displayOptions']): INodeProperties => ({
	displayName: 'Knowledge Base',
	name: 'datasetId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchDatasets', searchable: true } },
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '7450000000000000000',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A knowledge base ID is a number' } }],
		},
	],
	displayOptions: show,
});

const datasetOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['dataset'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a knowledge base',
			routing: { request: { method: 'POST', url: '/v1/datasets' }, output: outputFrom('data') },
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a knowledge base',
			description: 'Delete a knowledge base with its files; bots using it lose it',
			routing: {
				request: { method: 'DELETE', url: datasetUrl() },
				output: outputFrom(undefined, [{ type: 'set', properties: { value: `={{ { "deleted": true, "dataset_id": ${datasetIdExpr} } }}` } }]),
			},
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many knowledge bases',
			routing: { request: { method: 'GET', url: '/v1/datasets' }, output: outputFrom('data.dataset_list') },
		},
		{
			name: 'Get Progress',
			value: 'getProgress',
			action: 'Get the processing progress of documents',
			routing: { request: { method: 'POST', url: datasetUrl('/process') }, send: { preSend: [documentIds] }, output: outputFrom('data.data') },
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a knowledge base',
			description: 'Rename a knowledge base and set its description (Coze overwrites both)',
			routing: {
				request: { method: 'PUT', url: datasetUrl() },
				output: outputFrom(undefined, [
					{ type: 'set', properties: { value: `={{ { "updated": true, "dataset_id": ${datasetIdExpr}, "name": $parameter.name } }}` } },
				]),
			},
		},
	],
	default: 'getAll',
};

const documentOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['document'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Add a document to a knowledge base',
			description: 'Add a file from n8n (PDF, TXT, DOC, DOCX, MD), a web page, or an uploaded image',
			routing: {
				request: { method: 'POST', url: '/open_api/knowledge/document/create', headers: DOCUMENT_HEADERS },
				send: { preSend: [documentBody] },
				output: outputFrom('document_infos', [waitForProcessing]),
			},
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete documents',
			routing: {
				request: { method: 'POST', url: '/open_api/knowledge/document/delete', headers: DOCUMENT_HEADERS },
				send: { preSend: [documentIds] },
				output: outputFrom(undefined, [{ type: 'set', properties: { value: '={{ { "deleted": true, "document_ids": $parameter.documentIds } }}' } }]),
			},
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many documents',
			routing: {
				request: { method: 'POST', url: '/open_api/knowledge/document/list', headers: DOCUMENT_HEADERS, body: { page: 1 } },
				output: outputFrom('document_infos'),
			},
		},
	],
	default: 'create',
};

const imageOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['image'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many images',
			description: 'List the images of an image knowledge base with their captions',
			routing: { request: { method: 'GET', url: datasetUrl('/images') }, output: outputFrom('data.photo_infos') },
		},
	],
	default: 'getAll',
};

export class CozeDataset implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Knowledge Base',
		name: 'cozeDataset',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage Coze knowledge bases (datasets): add files, web pages and images, follow processing',
		defaults: { name: 'Coze Knowledge Base' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
		requestDefaults: cozeRequestDefaults,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Knowledge Base', value: 'dataset' },
					{ name: 'Document', value: 'document' },
					{ name: 'Image', value: 'image' },
				],
				default: 'document',
			},
			datasetOperations,
			documentOperations,
			imageOperations,
			workspace(on('dataset', ['getAll']), 'query'),
			workspace(on('dataset', ['create']), 'body'),
			workspace(on('dataset', ['update', 'delete', 'getProgress'])),
			workspace({ show: { resource: ['document', 'image'] } }),
			dataset(on('dataset', ['update', 'delete', 'getProgress'])),
			dataset(on('document', ['create', 'delete'])),
			dataset(on('image', ['getAll'])),
			{
				...dataset(on('document', ['getAll'])),
				routing: { send: { type: 'body', property: 'dataset_id', value: '={{ String($value).trim() }}' } },
			},
			// Knowledge base fields
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				required: true,
				description: 'Name of the knowledge base (at most 100 characters)',
				displayOptions: on('dataset', ['create', 'update']),
				routing: { send: { type: 'body', property: 'name' } },
			},
			{
				displayName: 'Type',
				name: 'formatType',
				type: 'options',
				options: [
					{ name: 'Text', value: 0, description: 'Documents: PDF, TXT, DOC, DOCX, MD, web pages' },
					{ name: 'Images', value: 2, description: 'Images uploaded with Coze File' },
				],
				default: 0,
				displayOptions: on('dataset', ['create']),
				routing: { send: { type: 'body', property: 'format_type' } },
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				displayOptions: on('dataset', ['create', 'update']),
				routing: { send: { type: 'body', property: 'description' } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: on('dataset', ['getAll']),
				options: [
					{ displayName: 'Name Contains', name: 'name', type: 'string', default: '', routing: { send: { type: 'query', property: 'name' } } },
					{
						displayName: 'Type',
						name: 'formatType',
						type: 'options',
						options: [
							{ name: 'Text', value: 0 },
							{ name: 'Table', value: 1 },
							{ name: 'Images', value: 2 },
						],
						default: 0,
						routing: { send: { type: 'query', property: 'format_type' } },
					},
				],
			},
			...returnAllOrLimit({ show: { resource: ['dataset'], operation: ['getAll'] }, maxPageSize: 300 }),
			{
				displayName: 'Document IDs',
				name: 'documentIds',
				type: 'string',
				default: '',
				required: true,
				placeholder: '7450000000000000001, 7450000000000000002',
				description: 'Comma-separated document IDs (document_id in the output of Create)',
				displayOptions: on('dataset', ['getProgress']),
			},
			{
				displayName: 'Document IDs',
				name: 'documentIds',
				type: 'string',
				default: '',
				required: true,
				placeholder: '7450000000000000001, 7450000000000000002',
				description: 'Comma-separated document IDs (document_id in the output of Create)',
				displayOptions: on('document', ['delete']),
			},
			// Document fields
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				options: [
					{ name: 'Binary File', value: 'binary', description: 'A file from a previous node (text knowledge base)' },
					{ name: 'Web Page', value: 'url', description: 'Coze fetches and indexes the page (text knowledge base)' },
					{ name: 'Uploaded Image', value: 'fileId', description: 'An image uploaded with Coze File (image knowledge base)' },
				],
				default: 'binary',
				displayOptions: on('document', ['create']),
			},
			{
				displayName: 'Input Binary Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				hint: 'The name of the input binary field containing the file to add',
				displayOptions: { show: { resource: ['document'], operation: ['create'], source: ['binary'] } },
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://example.com/faq',
				displayOptions: { show: { resource: ['document'], operation: ['create'], source: ['url'] } },
			},
			{
				displayName: 'File ID',
				name: 'fileId',
				type: 'string',
				default: '',
				required: true,
				description: 'ID of an image uploaded with Coze File → Upload',
				displayOptions: { show: { resource: ['document'], operation: ['create'], source: ['fileId'] } },
			},
			{
				displayName: 'Document Name',
				name: 'documentName',
				type: 'string',
				default: '',
				description: 'Name shown in Coze (default: the file name or URL)',
				displayOptions: on('document', ['create']),
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: on('document', ['create']),
				options: [
					{ displayName: 'Caption', name: 'caption', type: 'string', default: '', description: 'Caption of an image (image knowledge base)' },
					{
						displayName: 'Chunking',
						name: 'chunking',
						type: 'options',
						options: [
							{ name: 'Automatic', value: 'auto' },
							{ name: 'Custom', value: 'custom', description: 'Split at a separator into chunks of at most Max Tokens' },
						],
						default: 'auto',
					},
					{
						displayName: 'Max Tokens',
						name: 'maxTokens',
						type: 'number',
						typeOptions: { minValue: 100 },
						default: 800,
						description: 'With custom chunking: the largest chunk (100-2000 tokens)',
					},
					{ displayName: 'Remove Extra Spaces', name: 'removeExtraSpaces', type: 'boolean', default: false, description: 'Whether to collapse runs of spaces (custom chunking)' },
					{ displayName: 'Remove URLs and Emails', name: 'removeUrlsEmails', type: 'boolean', default: false, description: 'Whether to drop URLs and email addresses (custom chunking)' },
					{ displayName: 'Separator', name: 'separator', type: 'string', default: '\\n', description: 'With custom chunking: where to split, e.g. \\n or ###' },
					{
						displayName: 'Timeout (Seconds)',
						name: 'timeout',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 300,
						description: 'With Wait for Processing: give up after this long',
					},
					{
						displayName: 'Wait for Processing',
						name: 'waitForProcessing',
						type: 'boolean',
						default: true,
						description: 'Whether to wait until Coze has split and indexed the document (fails if processing fails)',
					},
				],
			},
			...returnAllOrLimit({ show: { resource: ['document'], operation: ['getAll'] }, maxPageSize: 100, pageParam: 'page', sizeParam: 'size', where: 'body' }),
			...returnAllOrLimit({ show: { resource: ['image'], operation: ['getAll'] }, maxPageSize: 299 }),
		],
	};

	methods = { listSearch: { searchWorkspaces, searchDatasets } };
}

