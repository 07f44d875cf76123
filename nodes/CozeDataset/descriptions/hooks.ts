import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { cozeApiError } from '../../shared/errors';
import { MAX_FILE_BYTES } from '../../shared/files';
import { cozeApiRequest } from '../../shared/transport';

/** File types a text knowledge base takes as base64 (docs/create_knowledge_files.md). */
const TEXT_TYPES = ['pdf', 'txt', 'doc', 'docx', 'md'];

function chunkStrategy(ctx: IExecuteSingleFunctions): IDataObject {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	if (options.chunking !== 'custom') return { chunk_type: 0 };
	return {
		chunk_type: 1,
		separator: String(options.separator ?? '\n'),
		max_tokens: Number(options.maxTokens ?? 800),
		remove_extra_spaces: options.removeExtraSpaces === true,
		remove_urls_emails: options.removeUrlsEmails === true,
	};
}

/** preSend for document Create: one document from a binary (base64), a web page, or an uploaded image file ID. */
export async function documentBody(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const itemIndex = this.getItemIndex();
	const source = this.getNodeParameter('source') as string;
	const datasetId = String(this.getNodeParameter('datasetId', '', { extractValue: true }) ?? '').trim();
	if (!datasetId) throw new NodeOperationError(node, 'Choose a knowledge base or enter its ID', { itemIndex });
	let name = String(this.getNodeParameter('documentName', '') ?? '').trim();
	let sourceInfo: IDataObject;
	let formatType = 0;
	if (source === 'binary') {
		const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
		const binary = this.helpers.assertBinaryData(property);
		const buffer = await this.helpers.getBinaryDataBuffer(property);
		// Coze takes local files as base64 in JSON; keep well under its request limits.
		if (buffer.length > MAX_FILE_BYTES) throw new NodeOperationError(node, 'The file is larger than 512 MB', { itemIndex });
		const extension = (binary.fileExtension || binary.fileName?.split('.').pop() || '').toLowerCase();
		if (!TEXT_TYPES.includes(extension)) {
			throw new NodeOperationError(node, `A text knowledge base takes ${TEXT_TYPES.join(', ')} files; this one is "${extension || 'unknown'}"`, {
				itemIndex,
				description: 'Convert the file first, or for images use an image knowledge base with Source "Uploaded Image"',
			});
		}
		name ||= binary.fileName ?? `document.${extension}`;
		sourceInfo = { file_base64: buffer.toString('base64'), file_type: extension };
	} else if (source === 'url') {
		const url = String(this.getNodeParameter('url', '') ?? '').trim();
		if (!/^https?:\/\//i.test(url)) throw new NodeOperationError(node, `"${url}" is not an http(s) URL`, { itemIndex });
		name ||= url;
		sourceInfo = { web_url: url, document_source: 1 };
	} else {
		const fileId = String(this.getNodeParameter('fileId', '') ?? '').trim();
		if (!fileId) throw new NodeOperationError(node, 'Enter the File ID of an uploaded image (Coze File → Upload)', { itemIndex });
		name ||= fileId;
		sourceInfo = { source_file_id: fileId, document_source: 5 };
		formatType = 2;
	}
	const base: IDataObject = { name, source_info: sourceInfo };
	const caption = (this.getNodeParameter('options', {}) as IDataObject).caption;
	if (formatType === 2 && caption) base.caption = String(caption);
	return {
		...requestOptions,
		body: { dataset_id: datasetId, document_bases: [base], chunk_strategy: chunkStrategy(this), format_type: formatType },
	};
}

/** postReceive for document Create: optionally wait (≥ 1 s polls) until Coze has processed the documents. */
export async function waitForProcessing(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (options.waitForProcessing === false) return items;
	const datasetId = String(this.getNodeParameter('datasetId', '', { extractValue: true }) ?? '').trim();
	const ids = items.map((item) => String(item.json.document_id));
	const deadline = Date.now() + Number(options.timeout ?? 300) * 1000;
	for (;;) {
		const envelope = await cozeApiRequest.call(this, {
			method: 'POST',
			path: `/v1/datasets/${encodeURIComponent(datasetId)}/process`,
			body: { document_ids: ids },
			itemIndex: this.getItemIndex(),
		});
		const progress = (((envelope.data as IDataObject | undefined)?.data as IDataObject[] | undefined) ?? []).filter((entry) =>
			ids.includes(String(entry.document_id)),
		);
		if (progress.length === ids.length && progress.every((entry) => Number(entry.status) !== 0)) {
			const failed = progress.find((entry) => Number(entry.status) === 9);
			if (failed) {
				throw cozeApiError(
					this.getNode(),
					{ msg: `Coze could not process "${String(failed.document_name)}": ${String(failed.status_descript || 'no reason given')}` },
					this.getItemIndex(),
				);
			}
			return items.map((item) => ({
				json: { ...item.json, ...progress.find((entry) => entry.document_id === item.json.document_id), status: 1 },
			}));
		}
		if (Date.now() + 1000 > deadline) {
			throw cozeApiError(this.getNode(), { msg: 'the document was still processing at the timeout; check it later with Get Progress' }, this.getItemIndex());
		}
		await sleep(1000);
	}
}

/** preSend: comma-separated document IDs → body.document_ids (strings; Coze IDs exceed 2^53). */
export async function documentIds(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const ids = String(this.getNodeParameter('documentIds', '') ?? '')
		.split(/[\s,]+/)
		.map((id) => id.trim())
		.filter(Boolean);
	if (ids.length === 0) throw new NodeOperationError(this.getNode(), 'Enter at least one document ID', { itemIndex: this.getItemIndex() });
	return { ...requestOptions, body: { ...((requestOptions.body as IDataObject) ?? {}), document_ids: ids } };
}
