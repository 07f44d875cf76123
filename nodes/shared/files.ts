import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { randomBytes } from 'crypto';

import type { CozeRequest } from './transport';
import { cozeApiData } from './transport';

/** Coze's upload limit for one file (docs upload_files.md). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

type StreamSource = AsyncIterable<Buffer | string> & {
	constructor: { from?: (source: AsyncIterable<Buffer>, options?: { objectMode?: boolean; highWaterMark?: number }) => unknown };
};

function quoted(name: string): string {
	return name.replace(/[\r\n"]/g, (c) => encodeURIComponent(c));
}

/** A binary of an item as a multipart/form-data request body, ready for the transport. */
export interface BinaryUpload {
	request: Pick<CozeRequest, 'body' | 'headers' | 'streamBody'>;
	fileName: string;
	mimeType: string;
	/** Bytes, when known before sending. */
	size?: number;
}

/**
 * The one multipart/form-data body of the package: text `fields` first, then the binary property of the item as part
 * `fileField` (default `file`). Binary data n8n keeps on disk or in S3 is streamed — header, the file's chunks as they
 * are read (one chunk ahead), closing boundary — so big files never sit in memory; data already in memory is sent from
 * memory. Files over `maxBytes` are refused from their metadata, before anything is read. Built on the class of n8n's
 * own stream (a Node Readable), since community nodes may not import 'stream'.
 */
export async function binaryMultipart(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	options: { fields?: Record<string, string>; fileField?: string; fileName?: string; maxBytes?: number; limitText?: string } = {},
): Promise<BinaryUpload> {
	const fields = options.fields ?? {};
	const fileField = options.fileField ?? 'file';
	const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
	const binary = ctx.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName = options.fileName || binary.fileName || `${propertyName}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const mimeType = binary.mimeType || 'application/octet-stream';
	const tooBig = (size: number) =>
		new NodeOperationError(ctx.getNode(), `"${fileName}" is ${size} bytes; ${options.limitText ?? 'Coze accepts files up to 512 MB'}`, { itemIndex });

	if (binary.id) {
		const metadata = await ctx.helpers.getBinaryMetadata(binary.id);
		const size = metadata.fileSize === undefined || metadata.fileSize === null ? undefined : Number(metadata.fileSize);
		if (size !== undefined && size > maxBytes) throw tooBig(size);
		const source = (await ctx.helpers.getBinaryStream(binary.id)) as unknown as StreamSource;
		const from = source.constructor.from;
		if (from) {
			const boundary = `----n8nCoze${randomBytes(12).toString('hex')}`;
			const head = Buffer.from(
				Object.entries(fields)
					.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`)
					.join('') +
					`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(fileField)}"; filename="${quoted(fileName)}"\r\nContent-Type: ${mimeType}\r\n\r\n`,
				'utf8',
			);
			const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
			async function* parts() {
				yield head;
				for await (const chunk of source) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
				yield tail;
			}
			// A byte stream holding at most one chunk ahead (Readable.from defaults to object mode, 16 chunks ahead).
			const body = from.call(source.constructor, parts(), { objectMode: false, highWaterMark: 64 * 1024 });
			const headers: Record<string, string> = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
			// With the length known the body goes out as plain bytes, not chunked (which some gateways refuse for uploads).
			if (size !== undefined && Number.isSafeInteger(size) && size >= 0) headers['Content-Length'] = String(head.length + size + tail.length);
			return { request: { body, headers, streamBody: true }, fileName, mimeType, size: Number.isFinite(size) ? size : undefined };
		}
	}
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	if (buffer.length > maxBytes) throw tooBig(buffer.length);
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	form.append(fileField, new Blob([buffer], { type: mimeType }), fileName);
	return { request: { body: form }, fileName, mimeType, size: buffer.length };
}

/** Uploads the binary property of an input item to Coze (POST /v1/files/upload, multipart part `file`). */
export async function uploadBinaryProperty(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	fileNameOverride?: string,
): Promise<IDataObject & { id: string; mimeType: string; fileName: string }> {
	const { request, fileName, mimeType } = await binaryMultipart(ctx, itemIndex, propertyName, { fileName: fileNameOverride });
	const file = await cozeApiData.call(ctx, { method: 'POST', path: '/v1/files/upload', ...request, itemIndex, timeoutMs: 10 * 60_000 });
	return { ...(file ?? {}), id: String(file?.id ?? ''), mimeType, fileName };
}
