import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { choiceField, optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, idText, nodeOf, numberValue, optionParameter, parameterOf, requiredId, textParameter } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { DOCUMENT_HEADERS } from '../../helpers/documents';
import { waitForProcessing } from '../../helpers/progress';
import { base64Source, chunkStrategy } from '../../helpers/sources';
import { datasetField, workspacePicker } from '../fields';

export const meta = {
	name: 'Create',
	action: 'Add a document to a knowledge base',
	description: 'Add a file from n8n (PDF, TXT, DOC, DOCX), a web page, or an uploaded image',
	studio: true,
};

const SOURCES = ['binary', 'url', 'fileId'] as const;
const forSource = (source: (typeof SOURCES)[number]) => ({ show: { source: [source] } });

export const description: INodeProperties[] = [
	workspacePicker,
	datasetField,
	choiceField('Source', 'source', 'binary', [
		['Binary File', 'binary', 'A PDF, TXT, DOC or DOCX file from a previous node (text knowledge base)'],
		['Web Page', 'url', 'Coze fetches and indexes the page (text knowledge base)'],
		['Uploaded Image', 'fileId', 'An image uploaded with Coze File (image knowledge base)'],
	]),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to add',
		displayOptions: forSource('binary'),
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/faq',
		displayOptions: forSource('url'),
	},
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		required: true,
		description: 'ID of an image uploaded with Coze File → Upload',
		displayOptions: forSource('fileId'),
	},
	{
		...choiceField('Captions', 'captionType', 0, [
			['By Coze (Automatic)', 0, 'Coze describes the image'],
			['Manual', 1, 'Set the caption here or later with Image → Update Caption'],
		]),
		description: 'How the image is captioned; Coze requires this choice for the first image of an image knowledge base',
		displayOptions: forSource('fileId'),
	},
	{
		displayName: 'Document Name',
		name: 'documentName',
		type: 'string',
		default: '',
		description: 'Name shown in Coze (default: the file name or URL)',
	},
	optionsField([
		{
			displayName: 'Caption',
			name: 'caption',
			type: 'string',
			default: '',
			description: 'Caption of an image (image knowledge base, Manual captions)',
		},
		choiceField('Chunking', 'chunking', 'auto', [
			['Automatic', 'auto'],
			['Custom', 'custom', 'Split at a separator into chunks of at most Max Tokens'],
		]),
		{
			displayName: 'Max Tokens',
			name: 'maxTokens',
			type: 'number',
			typeOptions: { minValue: 100, maxValue: 2000 },
			default: 800,
			description: 'With custom chunking: the largest chunk (100-2000 tokens)',
		},
		{
			displayName: 'Remove Extra Spaces',
			name: 'removeExtraSpaces',
			type: 'boolean',
			default: false,
			description: 'Whether to collapse runs of spaces (custom chunking)',
		},
		{
			displayName: 'Remove URLs and Emails',
			name: 'removeUrlsEmails',
			type: 'boolean',
			default: false,
			description: 'Whether to drop URLs and email addresses (custom chunking)',
		},
		{
			displayName: 'Separator',
			name: 'separator',
			type: 'string',
			default: '\\n',
			description: 'With custom chunking: where to split, e.g. \\n or ###',
		},
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
	]),
];

/**
 * POST /open_api/knowledge/document/create (docs create_knowledge_files.md): one document from a binary (base64), a
 * web page, or an uploaded image (format_type 2, chunk_strategy.caption_type); then optionally waits for processing.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	const options = collectionParameter(this, 'options', itemIndex);
	const source = optionParameter(this, 'source', itemIndex, 'Source', SOURCES, 'binary');
	let name = textParameter(this, 'documentName', itemIndex, 'Document Name').trim();
	const base: IDataObject = {};
	let formatType = 0;
	let strategy = chunkStrategy(this, options, itemIndex);
	if (source === 'binary') {
		const file = await base64Source(this, itemIndex);
		name ||= file.name;
		base.source_info = file.sourceInfo;
	} else if (source === 'url') {
		const url = textParameter(this, 'url', itemIndex, 'URL', { required: true }).trim();
		if (!/^https?:\/\//i.test(url)) throw new NodeOperationError(nodeOf(this), `"${url}" is not an http(s) URL`, { itemIndex });
		name ||= url;
		base.source_info = { web_url: url, document_source: 1 };
	} else {
		const fileId = requiredId(this, 'fileId', itemIndex, 'File ID');
		name ||= fileId;
		base.source_info = { source_file_id: fileId, document_source: 5 };
		formatType = 2;
		strategy = { caption_type: Number(parameterOf(this, 'captionType', itemIndex, 0)) };
		const caption = idText(this, options.caption, 'Caption', itemIndex);
		if (caption) base.caption = caption;
	}
	const body = { dataset_id: datasetId, document_bases: [{ name, ...base }], chunk_strategy: strategy, format_type: formatType };
	const envelope = await cozeApiRequest.call(this, {
		method: 'POST',
		path: '/open_api/knowledge/document/create',
		headers: DOCUMENT_HEADERS,
		body,
		itemIndex,
	});
	const documents = (envelope.document_infos as IDataObject[] | undefined) ?? [];
	if (options.waitForProcessing === false || documents.length === 0) return toItems(documents);
	const timeout = numberValue(this, options.timeout ?? 300, 'Timeout (Seconds)', itemIndex, { min: 1 });
	const ids = documents.map((document) => String(document.document_id));
	const progress = await waitForProcessing.call(this, datasetId, ids, timeout, itemIndex);
	return toItems(
		documents.map((document) => ({
			...document,
			...progress.find((entry) => String(entry.document_id) === String(document.document_id)),
			status: 1,
		})),
	);
}
