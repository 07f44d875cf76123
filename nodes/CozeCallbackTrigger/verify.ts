import { createHash, timingSafeEqual } from 'crypto';

/**
 * Checks of one Coze callback delivery, kept free of n8n so they can be tested alone.
 *
 * Signature (Coze's guide on receiving callbacks, docs.coze.cn/dev_how_to_guides/receive_handle_callbacks, 步骤一：
 * 校验回调消息签名): the values of the X-Coze-Timestamp and X-Coze-Nonce headers, the callback app's verify token and
 * the raw request body, concatenated in that order, UTF-8 encoded, hashed with SHA-1; the hex digest must equal the
 * X-Coze-Signature header. The body is taken as the bytes that arrived (never re-serialised JSON).
 */
export function callbackSignature(timestamp: string, nonce: string, token: string, rawBody: Buffer): string {
	return createHash('sha1')
		.update(Buffer.concat([Buffer.from(`${timestamp}${nonce}${token}`, 'utf8'), rawBody]))
		.digest('hex');
}

/** Constant-time comparison of the expected hex digest with the header (any letter case, nothing else accepted). */
export function signatureMatches(expectedHex: string, given: string): boolean {
	if (!/^[0-9a-fA-F]{40}$/.test(given)) return false;
	const a = Buffer.from(expectedHex, 'hex');
	const b = Buffer.from(given.toLowerCase(), 'hex');
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The delivery time of an X-Coze-Timestamp value in ms since the epoch, or undefined when it is not a whole number.
 * Coze's guide does not say the unit: values of 10^12 and above are read as milliseconds, smaller ones as seconds
 * (a seconds value reaches 10^12 only in the year 33658).
 */
export function timestampMs(value: string): number | undefined {
	if (!/^\d{1,16}$/.test(value.trim())) return undefined;
	const n = Number(value.trim());
	return n >= 1e12 ? n : n * 1000;
}

/**
 * Remembers keys (nonces, event IDs) until they expire, in this process only, with a hard cap on entries: the oldest
 * entry goes first when the cap is reached. Several n8n processes (queue mode with webhook processes) each have their
 * own memory; see the README for what that means.
 */
export class ExpiringSet {
	private readonly entries = new Map<string, number>();

	constructor(private readonly cap: number) {}

	has(key: string, now = Date.now()): boolean {
		const expires = this.entries.get(key);
		if (expires === undefined) return false;
		if (expires <= now) {
			this.entries.delete(key);
			return false;
		}
		return true;
	}

	add(key: string, expiresAt: number, now = Date.now()) {
		this.entries.delete(key);
		if (this.entries.size >= this.cap) {
			for (const [k, expires] of this.entries) if (expires <= now) this.entries.delete(k);
			while (this.entries.size >= this.cap) {
				const oldest = this.entries.keys().next().value as string;
				this.entries.delete(oldest);
			}
		}
		this.entries.set(key, expiresAt);
	}

	get size(): number {
		return this.entries.size;
	}
}
