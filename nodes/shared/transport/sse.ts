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
const DEFAULT_MAX_EVENT_BYTES = 64 * 1024 * 1024;

export class SseParser {
	private readonly maxEventBytes: number;

	/** Bytes of the current, not yet terminated line (kept as pieces, joined once when the line ends). */
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
		let bytes =
			typeof chunk === 'string'
				? Buffer.from(chunk, 'utf8')
				: Buffer.isBuffer(chunk)
					? chunk
					: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		if (this.skipLeadingLf && bytes.length > 0) {
			this.skipLeadingLf = false;
			if (bytes[0] === LF) bytes = bytes.subarray(1);
		}
		if (bytes.length === 0) return this.take();
		// Only whole lines are decoded: everything up to the last line terminator of this chunk. Terminators are
		// ASCII, so a multi-byte character can never be cut by this boundary.
		const lastLf = bytes.lastIndexOf(LF);
		const lastCr = bytes.lastIndexOf(CR);
		const last = Math.max(lastLf, lastCr);
		if (last === -1) {
			this.pending.push(bytes);
			this.pendingBytes += bytes.length;
			if (this.pendingBytes + this.dataBytes > this.maxEventBytes) throw new SseEventTooLargeError(this.maxEventBytes);
			return this.take();
		}
		const head = bytes.subarray(0, last + 1);
		let text: string;
		if (this.pendingBytes > 0) {
			this.pending.push(head);
			text = Buffer.concat(this.pending, this.pendingBytes + head.length).toString('utf8');
			this.pending = [];
			this.pendingBytes = 0;
		} else {
			text = head.toString('utf8');
		}
		if (bytes[last] === CR && last === bytes.length - 1) this.skipLeadingLf = true;
		const rest = bytes.subarray(last + 1);
		if (rest.length > 0) {
			this.pending.push(rest);
			this.pendingBytes = rest.length;
		}
		this.processText(text, lastCr !== -1);
		return this.take();
	}

	end(): SseEvent[] {
		if (this.pendingBytes > 0) {
			const text = Buffer.concat(this.pending, this.pendingBytes).toString('utf8');
			this.pending = [];
			this.pendingBytes = 0;
			this.processText(`${text}\n`, text.includes('\r'));
		}
		this.dispatch();
		return this.take();
	}

	/** `text` ends with a line terminator. */
	private processText(text: string, hasCr: boolean) {
		let start = 0;
		if (this.atStreamStart) {
			this.atStreamStart = false;
			if (text.charCodeAt(0) === 0xfeff) start = 1;
		}
		const length = text.length;
		if (!hasCr) {
			while (start < length) {
				const end = text.indexOf('\n', start);
				this.processLine(text.slice(start, end));
				start = end + 1;
			}
			return;
		}
		while (start < length) {
			const lf = text.indexOf('\n', start);
			const cr = text.indexOf('\r', start);
			const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
			this.processLine(text.slice(start, end));
			start = end + 1;
			if (text.charCodeAt(end) === CR && text.charCodeAt(start) === LF) start++;
		}
	}

	private take(): SseEvent[] {
		if (this.out.length === 0) return [];
		const events = this.out;
		this.out = [];
		return events;
	}

	private processLine(line: string) {
		if (line.length === 0) {
			this.dispatch();
			return;
		}
		if (line.charCodeAt(0) === 0x3a) return; // comment
		const colon = line.indexOf(':');
		let field: string;
		let value: string;
		if (colon === -1) {
			field = line;
			value = '';
		} else {
			field = line.slice(0, colon);
			value = line.charCodeAt(colon + 1) === 0x20 ? line.slice(colon + 2) : line.slice(colon + 1);
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
		// Coze sends an id with every workflow event; do not carry one over to the next event.
		this.id = undefined;
	}
}

/** Events from a byte stream (e.g. a Node.js Readable), as they arrive. */
export async function* readSseEvents(stream: AsyncIterable<Uint8Array | string>, options: { maxEventBytes?: number } = {}): AsyncGenerator<SseEvent> {
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
	if (
		first !== 0x7b &&
		first !== 0x5b &&
		first !== 0x22 &&
		!(first >= 0x30 && first <= 0x39) &&
		first !== 0x2d &&
		first !== 0x74 &&
		first !== 0x66 &&
		first !== 0x6e
	) {
		return undefined;
	}
	try {
		return JSON.parse(data) as T;
	} catch {
		return undefined;
	}
}
