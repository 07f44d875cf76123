import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { randomBytes } from 'crypto';

import type { CozeRequest } from '../../shared/transport';

/**
 * Local twin of nodes/shared/files.ts `uploadBinaryProperty`'s streaming body, for audio endpoints that need another
 * path, text parts beside the file, and a 10 MB limit. (Candidate for nodes/shared/files.ts: a `binaryMultipart`
 * taking the text fields and the file part name.)
 */

/** Coze's limit for one audio file (docs/audio_transcriptions.md, docs/clone_voices.md). */
export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;

type StreamSource = AsyncIterable<Buffer | string> & { constructor: { from?: (source: AsyncIterable<Buffer>) => unknown } };

function quoted(name: string): string {
	return name.replace(/[\r\n"]/g, (c) => encodeURIComponent(c));
}

export interface AudioUpload {
	request: Pick<CozeRequest, 'body' | 'headers' | 'streamBody'>;
	fileName: string;
	mimeType: string;
	/** Bytes, when known before sending. */
	size?: number;
}

/**
 * A multipart/form-data request body: the text `fields` first, then the binary property of the item as part
 * `fileField`. Binary data n8n keeps on disk / in S3 is streamed (never whole in memory); in-memory data is sent from
 * memory. Files over `maxBytes` are refused before anything is sent.
 */
export async function binaryMultipart(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	options: { fields?: Record<string, string>; fileField?: string; maxBytes?: number; limitText?: string } = {},
): Promise<AudioUpload> {
	const fields = options.fields ?? {};
	const fileField = options.fileField ?? 'file';
	const maxBytes = options.maxBytes ?? MAX_AUDIO_BYTES;
	const binary = ctx.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName = binary.fileName || `${propertyName}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const mimeType = binary.mimeType || 'application/octet-stream';
	const tooBig = (size: number) =>
		new NodeOperationError(
			ctx.getNode(),
			`"${fileName}" is ${size} bytes; ${options.limitText ?? `Coze accepts audio files up to ${maxBytes / 1024 / 1024} MB here`}`,
			{
				itemIndex,
			},
		);

	if (binary.id) {
		const metadata = await ctx.helpers.getBinaryMetadata(binary.id);
		const size = Number(metadata.fileSize);
		if (size > maxBytes) throw tooBig(size);
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
			return {
				request: {
					body: from.call(source.constructor, parts()),
					headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
					streamBody: true,
				},
				fileName,
				mimeType,
				size: Number.isFinite(size) ? size : undefined,
			};
		}
	}
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	if (buffer.length > maxBytes) throw tooBig(buffer.length);
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	form.append(fileField, new Blob([buffer], { type: mimeType }), fileName);
	return { request: { body: form }, fileName, mimeType, size: buffer.length };
}
