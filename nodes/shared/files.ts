import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { randomBytes } from 'crypto';

import { cozeApiData } from './transport';

/** Coze's upload limit for one file. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

type StreamSource = AsyncIterable<Buffer | string> & {
	constructor: { from?: (source: AsyncIterable<Buffer>, options?: { objectMode?: boolean; highWaterMark?: number }) => unknown };
};

function quoted(name: string): string {
	return name.replace(/[\r\n"]/g, (c) => encodeURIComponent(c));
}

/**
 * A multipart/form-data body with one part `file` that streams the binary from n8n's binary store: header, the
 * file's chunks as they are read, closing boundary. Big files never sit in memory. Built on the class of n8n's own
 * stream (a Node Readable), since community nodes may not import 'stream'.
 */
function multipartStream(source: StreamSource, fileName: string, mimeType: string, fileSize?: number) {
	const boundary = `----n8nCoze${randomBytes(12).toString('hex')}`;
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(fileName)}"\r\nContent-Type: ${mimeType}\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	async function* parts() {
		yield head;
		for await (const chunk of source) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
		yield tail;
	}
	const from = source.constructor.from;
	if (!from) return undefined;
	// A byte stream holding at most one chunk ahead (Readable.from defaults to object mode, 16 chunks ahead).
	const body = from.call(source.constructor, parts(), { objectMode: false, highWaterMark: 64 * 1024 });
	const headers: Record<string, string> = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
	// With the length known the body goes out as plain bytes, not chunked (which some gateways refuse for uploads).
	if (fileSize !== undefined && Number.isSafeInteger(fileSize) && fileSize >= 0)
		headers['Content-Length'] = String(head.length + fileSize + tail.length);
	return { body, headers };
}

/**
 * Uploads the binary property of an input item to Coze (POST /v1/files/upload, multipart part `file`). Binary data
 * kept by n8n on disk or in S3 is streamed; data already in memory is sent from memory.
 */
export async function uploadBinaryProperty(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	fileNameOverride?: string,
): Promise<IDataObject & { id: string; mimeType: string; fileName: string }> {
	const binary = ctx.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName = fileNameOverride || binary.fileName || `${propertyName}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const mimeType = binary.mimeType || 'application/octet-stream';
	let request: { body: unknown; headers?: Record<string, string>; streamBody?: boolean } | undefined;
	if (binary.id) {
		const metadata = await ctx.helpers.getBinaryMetadata(binary.id);
		if (Number(metadata.fileSize) > MAX_FILE_BYTES) {
			throw new NodeOperationError(ctx.getNode(), `"${fileName}" is ${metadata.fileSize} bytes; Coze accepts files up to 512 MB`, { itemIndex });
		}
		const fileSize = metadata.fileSize === undefined || metadata.fileSize === null ? undefined : Number(metadata.fileSize);
		const streamed = multipartStream((await ctx.helpers.getBinaryStream(binary.id)) as unknown as StreamSource, fileName, mimeType, fileSize);
		if (streamed) request = { body: streamed.body, headers: streamed.headers, streamBody: true };
	}
	if (!request) {
		const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
		if (buffer.length > MAX_FILE_BYTES) {
			throw new NodeOperationError(ctx.getNode(), `"${fileName}" is ${buffer.length} bytes; Coze accepts files up to 512 MB`, { itemIndex });
		}
		const form = new FormData();
		form.append('file', new Blob([buffer], { type: mimeType }), fileName);
		request = { body: form };
	}
	const file = await cozeApiData.call(ctx, {
		method: 'POST',
		path: '/v1/files/upload',
		...request,
		itemIndex,
		timeoutMs: 10 * 60_000,
	});
	return { ...(file ?? {}), id: String(file?.id ?? ''), mimeType, fileName };
}
