import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { idText, numberValue, requiredId, textParameter } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { DOCUMENT_HEADERS, datasetField, items, on, workspacePicker } from '../fields';
import { waitForProcessing } from '../progress';
import { concurrencyOption } from '../../../shared/descriptions';

const show = on('document', ['create']);
const forSource = (source: string) => ({ show: { ...show.show, source: [source] } });

/** File types a text knowledge base takes as base64 (docs create_knowledge_files.md, SourceInfo.file_type). */
const TEXT_TYPES = ['pdf', 'txt', 'doc', 'docx'];

/**
 * The API page names no size limit for base64 documents; Coze's own knowledge upload accepts local documents up to
 * 100 MB. Checked from the binary's metadata before anything is read (base64 makes the request 4/3 as large).
 */
const MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

export const description: INodeProperties[] = [
	workspacePicker('document', ['create']),
	datasetField('document', ['create']),
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'A PDF, TXT, DOC or DOCX file from a previous node (text knowledge base)' },
			{ name: 'Web Page', value: 'url', description: 'Coze fetches and indexes the page (text knowledge base)' },
			{ name: 'Uploaded Image', value: 'fileId', description: 'An image uploaded with Coze File (image knowledge base)' },
		],
		default: 'binary',
		displayOptions: show,
	},
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
		displayName: 'Captions',
		name: 'captionType',
		type: 'options',
		options: [
			{ name: 'By Coze (Automatic)', value: 0, description: 'Coze describes the image' },
			{ name: 'Manual', value: 1, description: 'Set the caption here or later with Image → Update Caption' },
		],
		default: 0,
		description: 'How the image is captioned; Coze requires this choice for the first image of an image knowledge base',
		displayOptions: forSource('fileId'),
	},
	{
		displayName: 'Document Name',
		name: 'documentName',
		type: 'string',
		default: '',
		description: 'Name shown in Coze (default: the file name or URL)',
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Caption',
				name: 'caption',
				type: 'string',
				default: '',
				description: 'Caption of an image (image knowledge base, Manual captions)',
			},
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
			concurrencyOption,
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
		],
	},
];

function chunkStrategy(ctx: IExecuteFunctions, options: IDataObject, itemIndex: number): IDataObject {
	if (options.chunking !== 'custom') return { chunk_type: 0 };
	return {
		chunk_type: 1,
		separator: String(options.separator ?? '\n'),
		max_tokens: numberValue(ctx, options.maxTokens ?? 800, 'Max Tokens', itemIndex, { min: 100, max: 2000 }),
		remove_extra_spaces: options.removeExtraSpaces === true,
		remove_urls_emails: options.removeUrlsEmails === true,
	};
}

/** Size of a binary without reading it: n8n's metadata for stored binaries, the base64 length for inline ones. */
async function binarySize(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (binary.id) return Number((await ctx.helpers.getBinaryMetadata(binary.id)).fileSize);
	return Math.floor((binary.data?.length ?? 0) * 0.75);
}

/** A file from n8n as base64: type and size checked before anything is read. */
async function base64Source(ctx: IExecuteFunctions, itemIndex: number): Promise<{ name: string; sourceInfo: IDataObject }> {
	const property = textParameter(ctx, 'binaryPropertyName', itemIndex, 'Input Binary Field', { required: true }).trim();
	const binary = ctx.helpers.assertBinaryData(itemIndex, property);
	const extension = (binary.fileExtension || binary.fileName?.split('.').pop() || '').toLowerCase();
	if (!TEXT_TYPES.includes(extension)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`A text knowledge base takes ${TEXT_TYPES.join(', ')} files; this one is "${extension || 'unknown'}"`,
			{
				itemIndex,
				description:
					'Coze accepts pdf, txt, doc and docx as local files (docs create_knowledge_files.md). Convert the file first (e.g. Markdown → TXT), or add a web page instead.',
			},
		);
	}
	const size = await binarySize(ctx, binary);
	if (size > MAX_DOCUMENT_BYTES) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${binary.fileName ?? property}" is ${Math.round(size / 1048576)} MB; Coze takes knowledge documents up to 100 MB`,
			{ itemIndex },
		);
	}
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	return { name: binary.fileName ?? `document.${extension}`, sourceInfo: { file_base64: buffer.toString('base64'), file_type: extension } };
}

/**
 * POST /open_api/knowledge/document/create (docs create_knowledge_files.md): one document from a binary (base64), a
 * web page, or an uploaded image (format_type 2, chunk_strategy.caption_type); then optionally waits for processing.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const source = this.getNodeParameter('source', itemIndex, 'binary') as string;
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
		if (!/^https?:\/\//i.test(url)) throw new NodeOperationError(this.getNode(), `"${url}" is not an http(s) URL`, { itemIndex });
		name ||= url;
		base.source_info = { web_url: url, document_source: 1 };
	} else {
		const fileId = requiredId(this, 'fileId', itemIndex, 'File ID');
		name ||= fileId;
		base.source_info = { source_file_id: fileId, document_source: 5 };
		formatType = 2;
		strategy = { caption_type: Number(this.getNodeParameter('captionType', itemIndex, 0)) };
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
	if (options.waitForProcessing === false || documents.length === 0) return items(documents, itemIndex);
	const timeout = numberValue(this, options.timeout ?? 300, 'Timeout (Seconds)', itemIndex, { min: 1 });
	const ids = documents.map((document) => String(document.document_id));
	const progress = await waitForProcessing.call(this, datasetId, ids, timeout, itemIndex);
	return items(
		documents.map((document) => ({
			...document,
			...progress.find((entry) => String(entry.document_id) === String(document.document_id)),
			status: 1,
		})),
		itemIndex,
	);
}
