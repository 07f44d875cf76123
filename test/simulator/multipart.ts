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

/**
 * The same, reading the body as it arrives: file parts are hashed chunk by chunk and never held in memory (only
 * the first 1 MiB), so the simulator can take 512 MB uploads and benchmarks measure the client, not the server.
 */
export async function parseMultipartStream(source: AsyncIterable<Buffer>, contentType: string): Promise<MultipartBody> {
	const boundaryMatch = /boundary="?([^";]+)"?/i.exec(contentType);
	const result: MultipartBody = { fields: {}, files: [] };
	if (!boundaryMatch) {
		for await (const _chunk of source); // drain
		return result;
	}
	const delimiter = Buffer.from(`\r\n--${boundaryMatch[1]}`);
	let pending: Buffer = Buffer.from('\r\n'); // so the first delimiter matches like the others
	let state: 'preamble' | 'headers' | 'content' | 'done' = 'preamble';
	let part: { headers: string; size: number; hash: ReturnType<typeof createHash>; kept: Buffer[]; keptSize: number } | undefined;

	const take = (bytes: Buffer) => {
		if (!part || bytes.length === 0) return;
		part.size += bytes.length;
		part.hash.update(bytes);
		if (part.keptSize < KEEP_BYTES_LIMIT + 1) {
			part.kept.push(bytes.subarray(0, KEEP_BYTES_LIMIT + 1 - part.keptSize));
			part.keptSize += Math.min(bytes.length, KEEP_BYTES_LIMIT + 1 - part.keptSize);
		}
	};
	const finish = () => {
		if (!part) return;
		const disposition = /content-disposition:[^\r\n]*/i.exec(part.headers)?.[0] ?? '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
		const filenameStar = /filename\*=(?:UTF-8'')?([^;\r\n]+)/i.exec(disposition)?.[1];
		const filename = filenameStar ? decodeURIComponent(filenameStar) : /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		const kept = Buffer.concat(part.kept);
		if (filename !== undefined) {
			result.files.push({
				field: name,
				filename,
				contentType: /content-type:\s*([^\r\n]+)/i.exec(part.headers)?.[1]?.trim() ?? 'application/octet-stream',
				size: part.size,
				sha256: part.hash.digest('hex'),
				bytes: part.size <= KEEP_BYTES_LIMIT ? kept : undefined,
			});
		} else {
			result.fields[name] = kept.toString('utf8');
		}
		part = undefined;
	};

	const advance = () => {
		for (;;) {
			if (state === 'done') return;
			if (state === 'headers') {
				const end = pending.indexOf('\r\n\r\n');
				if (end === -1) return;
				const headers = pending.toString('utf8', 0, end);
				pending = pending.subarray(end + 4);
				part = { headers, size: 0, hash: createHash('sha256'), kept: [], keptSize: 0 };
				state = 'content';
				continue;
			}
			const at = pending.indexOf(delimiter);
			if (at === -1) {
				// Keep a tail that could be the start of a delimiter; the rest is content.
				const safe = Math.max(0, pending.length - delimiter.length);
				if (state === 'content') take(pending.subarray(0, safe));
				pending = pending.subarray(safe);
				return;
			}
			if (state === 'content') {
				take(pending.subarray(0, at));
				finish();
			}
			const after = pending.subarray(at + delimiter.length);
			if (after.length < 2) return; // need to see "--" or CRLF
			if (after[0] === 0x2d && after[1] === 0x2d) {
				state = 'done';
				return;
			}
			pending = after.subarray(2);
			state = 'headers';
		}
	};
	for await (const chunk of source) {
		pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
		advance();
	}
	return result;
}
