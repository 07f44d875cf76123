import { createHash } from 'crypto';

export interface MultipartFile {
	field: string;
	filename: string;
	contentType: string;
	size: number;
	sha256: string;
	/** Bytes of small files (≤ 1 MiB), for routes that inspect content. */
	bytes?: Buffer;
}

export interface MultipartBody {
	fields: Record<string, string>;
	files: MultipartFile[];
}

const KEEP_BYTES_LIMIT = 1024 * 1024;

/** Parses a multipart/form-data body. Keeps only size and hash of file parts (and the bytes of small files). */
export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
	const boundaryMatch = /boundary="?([^";]+)"?/i.exec(contentType);
	const result: MultipartBody = { fields: {}, files: [] };
	if (!boundaryMatch) return result;
	const delimiter = Buffer.from(`--${boundaryMatch[1]}`);
	let position = body.indexOf(delimiter);
	while (position !== -1) {
		const start = position + delimiter.length;
		if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing delimiter
		const headerStart = start + 2; // CRLF
		const headerEnd = body.indexOf('\r\n\r\n', headerStart);
		if (headerEnd === -1) break;
		const headers = body.toString('utf8', headerStart, headerEnd);
		const next = body.indexOf(delimiter, headerEnd + 4);
		if (next === -1) break;
		const content = body.subarray(headerEnd + 4, next - 2); // strip CRLF before the delimiter
		const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
		const filenameStar = /filename\*=(?:UTF-8'')?([^;\r\n]+)/i.exec(disposition)?.[1];
		const filename = filenameStar ? decodeURIComponent(filenameStar) : /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		if (filename !== undefined) {
			result.files.push({
				field: name,
				filename,
				contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
				size: content.length,
				sha256: createHash('sha256').update(content).digest('hex'),
				bytes: content.length <= KEEP_BYTES_LIMIT ? Buffer.from(content) : undefined,
			});
		} else {
			result.fields[name] = content.toString('utf8');
		}
		position = next;
	}
	return result;
}
