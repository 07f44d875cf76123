import { randomBytes } from 'crypto';

let counter = 0;

/** A Coze-style ID: a 19-digit numeric string above 2^53, unique within the process. */
export function cozeId(): string {
	counter = (counter + 1) % 1_000_000;
	const time = String(Date.now()).slice(-10);
	return `75${time}${String(counter).padStart(6, '0')}${randomBytes(1)[0] % 10}`;
}

/** A log id shaped like Coze's (timestamp + hex). */
export function logId(): string {
	const d = new Date();
	const stamp = d.toISOString().replace(/\D/g, '').slice(0, 14);
	return `${stamp}${randomBytes(9).toString('hex').toUpperCase()}`;
}
