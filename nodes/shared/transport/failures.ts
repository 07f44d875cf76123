import type { IDataObject } from 'n8n-workflow';

import { CREDENTIAL_PROBLEM } from '../../../credentials/region';
import type { CozeFailure } from '../errors';

/** Status, headers and body of one HTTP answer, as n8n's request helper returns it with `returnFullResponse`. */
export interface RawResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export function header(headers: RawResponse['headers'] | undefined, name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function logIdOf(headers: RawResponse['headers'], body: unknown): string | undefined {
	const detail = (body as IDataObject | undefined)?.detail as IDataObject | undefined;
	return header(headers, 'x-tt-logid') ?? (detail?.logid as string | undefined);
}

/**
 * What counts as a Coze failure in one answer: HTTP status ≥ 400, an envelope `code` ≠ 0 (Coze answers most business
 * errors with HTTP 200), an OAuth `error_code` / `error_message`, or a body that is not JSON.
 */
export function failureOf(response: RawResponse, endpoint?: string): CozeFailure | undefined {
	const { statusCode, headers } = response;
	let body = response.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
			try {
				body = JSON.parse(trimmed);
			} catch {
				// handled below as non-JSON
			}
		}
	}
	const logId = logIdOf(headers, body);
	if (body === null || typeof body !== 'object') {
		if (statusCode >= 200 && statusCode < 300 && (body === '' || body === undefined)) return undefined;
		return { httpStatus: statusCode, logId, endpoint, nonJsonBody: typeof body === 'string' ? body : String(body) };
	}
	const envelope = body as IDataObject;
	const code = envelope.code;
	const hasBusinessError = code !== undefined && code !== null && code !== 0 && code !== '0';
	const errorCode = envelope.error_code;
	const hasOAuthError = errorCode !== undefined && errorCode !== null && errorCode !== '' && errorCode !== 0;
	const errorMessage = typeof envelope.error_message === 'string' ? envelope.error_message : '';
	if (!hasBusinessError && !hasOAuthError && !errorMessage && statusCode < 400) return undefined;
	return {
		httpStatus: statusCode,
		code: hasBusinessError ? (code as number) : hasOAuthError ? (errorCode as string) : undefined,
		msg: (envelope.msg as string) || errorMessage || (envelope.error as string) || undefined,
		logId,
		debugUrl: envelope.debug_url as string | undefined,
		endpoint,
	};
}

/** The errors n8n wraps around each other (NodeApiError → cause / errorResponse → …), outermost first. */
function chainOf(error: unknown): IDataObject[] {
	const chain: IDataObject[] = [];
	let current = error as IDataObject | undefined;
	while (current && typeof current === 'object' && !chain.includes(current) && chain.length < 10) {
		chain.push(current);
		current = (current.cause ?? current.errorResponse ?? current.reason) as IDataObject | undefined;
	}
	return chain;
}

/** Status, headers and body of the HTTP answer inside whatever n8n's request helper threw, if there was one. */
export function responseOfThrown(error: unknown): RawResponse | undefined {
	for (const link of chainOf(error)) {
		const response = link.response as IDataObject | undefined;
		if (response && typeof response === 'object' && 'status' in response) {
			return { statusCode: Number(response.status), headers: (response.headers ?? {}) as RawResponse['headers'], body: response.data };
		}
	}
	return undefined;
}

/**
 * A failure to obtain a token (our JWT credential's signing or grant, or n8n's OAuth2 refresh being refused) rather
 * than a failure to reach Coze: retrying cannot help, the credential has to be fixed. Returns its message.
 */
export function credentialProblemOf(error: unknown): string | undefined {
	for (const link of chainOf(error)) {
		const message = typeof link.message === 'string' ? link.message : '';
		if (message.includes(CREDENTIAL_PROBLEM)) return message.slice(message.indexOf(CREDENTIAL_PROBLEM) + CREDENTIAL_PROBLEM.length);
		// @n8n/client-oauth2 AuthError (refresh refused) and n8n's "needs to be reconnected".
		if (link.code === 'EAUTH' || /needs to be reconnected/.test(message)) {
			const body = link.body as IDataObject | undefined;
			const reason = body?.error_message ?? body?.error_description ?? body?.error ?? message;
			return `the OAuth2 token could not be refreshed (${String(reason)}). Reconnect the credential.`;
		}
	}
	return undefined;
}
