/**
 * The one Server-Sent Events parser of the package (WHATWG rules, as Coze's chat and workflow streams need them).
 * Works on bytes: only complete lines are decoded, so UTF-8 characters split across chunks are safe; line ends are
 * LF, CRLF or CR (also when CR and LF arrive in different chunks); `field:value` with or without one space;
 * comments; multi-line data; a last event without a trailing blank line is flushed at the end.
 * Memory is bounded by the largest event, and the work is linear in the input: bytes are scanned once, and a line
 * that spans many chunks is concatenated once, when its end arrives.
 */

export interface SseEvent {
	event: string;
	data: string;
	id?: string;
	retry?: number;
}

export class SseEventTooLargeError extends Error {
	constructor(limit: number) {
		super(`An event in the stream is larger than ${limit} bytes`);
		this.name = 'SseEventTooLargeError';
	}
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const DEFAULT_MAX_EVENT_BYTES = 64 * 1024 * 1024;

export class SseParser {
	private readonly maxEventBytes: number;

	/** Pieces of the current, not yet terminated line. */
	private pending: Buffer[] = [];

	private pendingBytes = 0;

	/** The previous chunk ended with CR: an LF at the start of the next chunk belongs to that line end. */
	private skipLeadingLf = false;

	private atStreamStart = true;

	private eventName = '';

	private dataLines: string[] = [];

	private dataBytes = 0;

	private hasData = false;

	private id: string | undefined;

	private retry: number | undefined;

	private out: SseEvent[] = [];

	constructor(options: { maxEventBytes?: number } = {}) {
		this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
	}

	feed(chunk: Uint8Array | string): SseEvent[] {
		let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		if (bytes.length === 0) return this.take();
		if (this.atStreamStart) {
			if (this.pendingBytes + bytes.length < 3 && bytes.every((b, i) => b === [0xef, 0xbb, 0xbf][this.pendingBytes + i])) {
				// Could still be the start of a BOM: keep it until we know.
				this.pending.push(bytes);
				this.pendingBytes += bytes.length;
				return this.take();
			}
			this.atStreamStart = false;
			if (this.pendingBytes > 0) {
				bytes = Buffer.concat([...this.pending, bytes]);
				this.pending = [];
				this.pendingBytes = 0;
			}
			if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
		}
		let start = 0;
		if (this.skipLeadingLf) {
			this.skipLeadingLf = false;
			if (bytes[0] === LF) start = 1;
		}
		const length = bytes.length;
		while (start < length) {
			const lineEnd = nextLineEnd(bytes, start);
			if (lineEnd === -1) {
				const rest = bytes.subarray(start);
				this.pending.push(rest);
				this.pendingBytes += rest.length;
				if (this.pendingBytes + this.dataBytes > this.maxEventBytes) throw new SseEventTooLargeError(this.maxEventBytes);
				break;
			}
			let line: Buffer;
			if (this.pendingBytes > 0) {
				this.pending.push(bytes.subarray(start, lineEnd));
				line = Buffer.concat(this.pending, this.pendingBytes + lineEnd - start);
				this.pending = [];
				this.pendingBytes = 0;
			} else {
				line = bytes.subarray(start, lineEnd);
			}
			this.processLine(line);
			if (bytes[lineEnd] === CR) {
				if (lineEnd + 1 === length) {
					this.skipLeadingLf = true;
					start = length;
				} else {
					start = bytes[lineEnd + 1] === LF ? lineEnd + 2 : lineEnd + 1;
				}
			} else {
				start = lineEnd + 1;
			}
		}
		return this.take();
	}

	end(): SseEvent[] {
		if (this.pendingBytes > 0) {
			const line = Buffer.concat(this.pending, this.pendingBytes);
			this.pending = [];
			this.pendingBytes = 0;
			if (!(this.atStreamStart && line.length < 3)) this.processLine(line);
		}
		this.dispatch();
		return this.take();
	}

	private take(): SseEvent[] {
		if (this.out.length === 0) return [];
		const events = this.out;
		this.out = [];
		return events;
	}

	private processLine(line: Buffer) {
		if (line.length === 0) {
			this.dispatch();
			return;
		}
		if (line[0] === COLON) return; // comment
		const colon = line.indexOf(COLON);
		let field: string;
		let value: string;
		if (colon === -1) {
			field = line.toString('utf8');
			value = '';
		} else {
			field = line.toString('latin1', 0, colon);
			const valueStart = line[colon + 1] === SPACE ? colon + 2 : colon + 1;
			value = line.toString('utf8', valueStart);
		}
		switch (field) {
			case 'data':
				this.hasData = true;
				this.dataLines.push(value);
				this.dataBytes += value.length;
				if (this.dataBytes > this.maxEventBytes) throw new SseEventTooLargeError(this.maxEventBytes);
				break;
			case 'event':
				this.eventName = value;
				break;
			case 'id':
				if (!value.includes('\0')) this.id = value;
				break;
			case 'retry':
				if (/^\d+$/.test(value)) this.retry = Number(value);
				break;
			default:
				break; // unknown fields are ignored, as the SSE standard says
		}
	}

	private dispatch() {
		if (this.hasData || this.eventName !== '') {
			const event: SseEvent = {
				event: this.eventName || 'message',
				data: this.dataLines.length === 1 ? this.dataLines[0] : this.dataLines.join('\n'),
			};
			if (this.id !== undefined) event.id = this.id;
			if (this.retry !== undefined) event.retry = this.retry;
			this.out.push(event);
		}
		this.eventName = '';
		this.dataLines = [];
		this.dataBytes = 0;
		this.hasData = false;
		this.retry = undefined;
		// The last event id persists across events (SSE semantics), but Coze sends one per event; reset for clarity.
		this.id = undefined;
	}
}

/** Index of the next CR or LF at or after `from`, or -1. */
function nextLineEnd(bytes: Buffer, from: number): number {
	const lf = bytes.indexOf(LF, from);
	// CR line ends are rare; only look for them up to the LF we found.
	const crEnd = lf === -1 ? bytes.length : lf;
	const cr = bytes.subarray(from, crEnd).indexOf(CR);
	if (cr !== -1) return from + cr;
	return lf;
}

/** Events from a byte stream (e.g. a Node.js Readable), as they arrive. */
export async function* readSseEvents(
	stream: AsyncIterable<Uint8Array | string>,
	options: { maxEventBytes?: number } = {},
): AsyncGenerator<SseEvent> {
	const parser = new SseParser(options);
	for await (const chunk of stream) {
		for (const event of parser.feed(chunk)) yield event;
	}
	for (const event of parser.end()) yield event;
}

/** JSON of an event's data; undefined for empty or non-JSON data (e.g. a bare `[DONE]`). */
export function parseSseData<T = unknown>(event: SseEvent): T | undefined {
	const data = event.data;
	if (!data) return undefined;
	const first = data.charCodeAt(0);
	// Only attempt JSON for values that can be JSON: object, array, string, number, true/false/null.
	if (first !== 0x7b && first !== 0x5b && first !== 0x22 && !(first >= 0x30 && first <= 0x39) && first !== 0x2d && first !== 0x74 && first !== 0x66 && first !== 0x6e) {
		return undefined;
	}
	try {
		return JSON.parse(data) as T;
	} catch {
		return undefined;
	}
}
