import { ExpiringSet, callbackSignature, signatureMatches, timestampMs } from '../../nodes/CozeCallbackTrigger/verify';
import { cozeCallbackSignature } from '../simulator/routes/callbacks';

describe('Coze callback verification (pure pieces)', () => {
	// Reference value computed outside this code base: Python hashlib.sha1((timestamp + nonce + token + body)
	// .encode('utf-8')).hexdigest(), the procedure of Coze's guide (receive_handle_callbacks, 步骤一).
	const timestamp = '1733212800';
	const nonce = 'nonce-1';
	const token = 'verify-token-中文';
	const body = '{"header":{"event_type":"bot.published"},"event":{"bot_name":"客服"}}';
	const expected = 'c6303ef21d7728f4617f282d8e5bd2c9b5ec05cd';

	it('hashes timestamp, nonce, token and the raw body in that order as UTF-8 with SHA-1 (hex)', () => {
		expect(callbackSignature(timestamp, nonce, token, Buffer.from(body, 'utf8'))).toBe(expected);
		// The simulator's sender signs the same way.
		expect(cozeCallbackSignature(timestamp, nonce, token, body)).toBe(expected);
		// Order matters: nonce before timestamp gives another digest.
		expect(callbackSignature(nonce, timestamp, token, Buffer.from(body, 'utf8'))).not.toBe(expected);
	});

	it('compares signatures in constant time, in any letter case, and refuses anything that is not 40 hex digits', () => {
		expect(signatureMatches(expected, expected)).toBe(true);
		expect(signatureMatches(expected, expected.toUpperCase())).toBe(true);
		expect(signatureMatches(expected, `${expected.slice(0, 39)}0`)).toBe(false);
		expect(signatureMatches(expected, '')).toBe(false);
		expect(signatureMatches(expected, `${expected}00`)).toBe(false);
		expect(signatureMatches(expected, 'z'.repeat(40))).toBe(false);
	});

	it('reads X-Coze-Timestamp in seconds or milliseconds, nothing else', () => {
		expect(timestampMs('1733212800')).toBe(1733212800000);
		expect(timestampMs('1733212800123')).toBe(1733212800123);
		expect(timestampMs('-5')).toBeUndefined();
		expect(timestampMs('1.5')).toBeUndefined();
		expect(timestampMs('abc')).toBeUndefined();
		expect(timestampMs('')).toBeUndefined();
	});

	it('remembers keys until they expire and never holds more than its cap', () => {
		const set = new ExpiringSet(3);
		set.add('a', 1000, 0);
		expect(set.has('a', 999)).toBe(true);
		expect(set.has('a', 1000)).toBe(false);
		for (const key of ['b', 'c', 'd', 'e']) set.add(key, 5000, 0);
		expect(set.size).toBe(3);
		expect(set.has('b', 1)).toBe(false);
		expect(set.has('e', 1)).toBe(true);
	});
});
