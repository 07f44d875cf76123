import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What went wrong in one Coze call, gathered from the HTTP status, the envelope, headers or an SSE error event. */
export interface CozeFailure {
	httpStatus?: number;
	/** Coze business code (`code`), OAuth `error_code`, or workflow `error_code`. */
	code?: number | string;
	msg?: string;
	logId?: string;
	debugUrl?: string;
	/** Set when the body was not JSON (gateway page, proxy error…). */
	nonJsonBody?: string;
	/** Where it happened, e.g. 'POST /v3/chat'. */
	endpoint?: string;
	/** How many requests were made (retries included). */
	attempts?: number;
	/** Set when no token could be obtained: the credential must be fixed, retrying cannot help. */
	credentialProblem?: string;
}

const SECRET_PATTERNS: RegExp[] = [
	/\b(pat|sat|czs|cztei)_[A-Za-z0-9_-]{8,}/g,
	/Bearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
	/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
	/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
];

/**
 * Removes anything that looks like a token, JWT or private key from text that may reach an item, error or log, and
 * every one of `secrets` (the credential's own values: tokens without a known prefix, key ids, client secrets).
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
	for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '[redacted]');
	return out;
}

/** The secret values of a decrypted Coze credential (any of the three types), longest first. */
export function credentialSecrets(credentials: IDataObject | undefined): string[] {
	if (!credentials) return [];
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	const values = [
		credentials.accessToken,
		credentials.clientSecret,
		credentials.privateKey,
		credentials.publicKeyId,
		tokenData.access_token,
		tokenData.refresh_token,
	];
	const secrets = new Set<string>();
	for (const value of values) {
		if (typeof value !== 'string' || value.trim().length < 4) continue;
		secrets.add(value.trim());
		// Keys pasted with literal "\n" are used with real line breaks; hide every line of them too.
		for (const line of value.replace(/\\n/g, '\n').split('\n')) if (line.trim().length >= 16) secrets.add(line.trim());
	}
	return [...secrets].sort((a, b) => b.length - a.length);
}

/** Redacts an error in place (message, description, Coze msg and any text n8n derived from them). */
export function redactError<E>(error: E, secrets: readonly string[]): E {
	if (!secrets.length || !error || typeof error !== 'object') return error;
	const target = error as IDataObject & { errorResponse?: IDataObject; messages?: string[] };
	for (const key of ['message', 'description', 'stack']) {
		if (typeof target[key] === 'string') target[key] = redactSecrets(target[key] as string, secrets);
	}
	if (Array.isArray(target.messages)) target.messages = target.messages.map((text) => redactSecrets(String(text), secrets));
	const response = target.errorResponse;
	if (response && typeof response === 'object') {
		for (const key of Object.keys(response)) {
			if (typeof response[key] === 'string') response[key] = redactSecrets(response[key] as string, secrets);
		}
	}
	return error;
}

function rateLimitHint(failure: CozeFailure): string {
	const attempts = failure.attempts ?? 1;
	const tried = attempts > 1 ? `The node tried ${attempts} times, waiting longer each time. ` : '';
	return `Rate limited by Coze. ${tried}Lower the Concurrency (under Options) or spread the executions out.`;
}

/** A hint a person can act on, by Coze code first and HTTP status second. */
export function hintFor(failure: CozeFailure): string | undefined {
	if (failure.credentialProblem) {
		return 'No token could be obtained with this credential. Open the credential and check it (for OAuth2, reconnect it; for a JWT service app, App ID, Public Key ID, private key and Region). Nothing was sent to Coze.';
	}
	const code = Number(failure.code);
	const msg = (failure.msg ?? '').toLowerCase();
	if (msg.includes('publish')) {
		return 'The bot or workflow is not published for API use. In Coze, publish the bot to the "API" (Agent as API) channel, or publish the workflow, then try again.';
	}
	switch (code) {
		case 4100:
			return 'Coze rejected the access token. Check that it is valid and not expired, and that the credential Region matches where it was created: a coze.cn token does not work on coze.com and vice versa.';
		case 4101:
			return 'The token lacks permission for this resource. Check its scopes and workspace access, and that the credential Region (coze.cn vs coze.com) is the one the token was created in.';
		case 4200:
			return 'Not found. Check the ID. A bot must be published to the API channel, and a workflow must be published, before the API can use it.';
		case 4013:
			return rateLimitHint(failure);
		case 4016:
			return 'This conversation already has a chat in progress: Coze allows one running chat per conversation. Wait for it to finish or use a new conversation.';
		case 4104:
			return 'The chat can no longer be cancelled: it has already completed, failed or is waiting for tool outputs.';
		case 4000:
			return 'Coze says a request parameter is invalid. Check the IDs and JSON fields of this node.';
		default:
			break;
	}
	const status = failure.httpStatus ?? 0;
	if (status >= 300 && status < 400) {
		return 'The address answered with a redirect the node does not follow (your token would go with it). If the target is the right Coze API address, set it as the credential Base URL (Region: Custom); otherwise check the Region, the Base URL or the proxy in between.';
	}
	if (failure.nonJsonBody !== undefined) {
		return 'Coze (or a proxy in front of it) answered with a non-JSON page. For a self-hosted Coze Studio check the Base URL; otherwise retry later.';
	}
	if (status === 401) return 'Authentication failed: check the token and the credential Region.';
	if (status === 403) return 'Access denied: check the token permissions and the credential Region.';
	if (status === 404) return 'Endpoint not found: for a self-hosted Coze Studio check the Base URL.';
	if (status === 429) return rateLimitHint(failure);
	if (status >= 500) return 'Coze had a server error. Retry later; quote the log ID if you contact Coze support.';
	return undefined;
}

/** Message, description and hint of a failure, with secrets removed. */
export function describeCozeFailure(failure: CozeFailure): { message: string; description: string } {
	const parts: string[] = [];
	if (failure.code !== undefined && failure.code !== '') parts.push(`code ${failure.code}`);
	if (failure.httpStatus !== undefined) parts.push(`HTTP ${failure.httpStatus}`);
	const what = failure.msg?.trim() || (failure.nonJsonBody !== undefined ? 'non-JSON response' : 'request failed');
	const message = failure.credentialProblem
		? redactSecrets(`Coze credential problem: ${failure.credentialProblem}`)
		: redactSecrets(`Coze API error${parts.length ? ` (${parts.join(', ')})` : ''}: ${what}`);
	const lines: string[] = [];
	const hint = hintFor(failure);
	if (hint) lines.push(hint);
	if (failure.endpoint) lines.push(`Endpoint: ${failure.endpoint}`);
	if (failure.logId) lines.push(`Log ID: ${failure.logId}`);
	if (failure.debugUrl) lines.push(`Debug URL: ${failure.debugUrl}`);
	if (failure.nonJsonBody !== undefined) lines.push(`Body: ${failure.nonJsonBody.slice(0, 300)}`);
	return { message, description: redactSecrets(lines.join('\n')) };
}

/** The one error type our nodes throw for Coze failures: NodeApiError carrying code, message, log id and hint. */
export function cozeApiError(node: INode, failure: CozeFailure, itemIndex?: number): NodeApiError {
	const { message, description } = describeCozeFailure(failure);
	const response: JsonObject = {
		code: failure.code ?? null,
		msg: failure.msg ? redactSecrets(failure.msg) : null,
		logid: failure.logId ?? null,
		httpStatus: failure.httpStatus ?? null,
	};
	if (failure.debugUrl) response.debug_url = failure.debugUrl;
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: failure.httpStatus !== undefined ? String(failure.httpStatus) : undefined,
		itemIndex,
	});
	// NodeApiError derives the message from the response; keep ours, which names the Coze code.
	error.message = message;
	error.description = description;
	return error;
}

/** Coze code and HTTP status carried by an error from cozeApiError (its errorResponse), for callers that sort failures. */
export function codesOf(error: unknown): { code?: number; httpStatus?: number } {
	const response = ((error as { errorResponse?: JsonObject })?.errorResponse ?? {}) as JsonObject;
	const code = Number(response.code);
	const httpStatus = Number(response.httpStatus ?? (error as { httpCode?: string })?.httpCode);
	return {
		code: Number.isFinite(code) && response.code !== null ? code : undefined,
		httpStatus: Number.isFinite(httpStatus) ? httpStatus : undefined,
	};
}

/** True for answers worth retrying after a pause: rate limits (nothing was created) and, if idempotent, 5xx. */
export function isRateLimited(failure: CozeFailure): boolean {
	return failure.httpStatus === 429 || Number(failure.code) === 4013;
}

export function isServerError(failure: CozeFailure): boolean {
	return (failure.httpStatus ?? 0) >= 500;
}

/** Auth failures that a fresh token can fix (expired JWT / OAuth tokens reported with HTTP 200 + 4100). */
export function isAuthFailure(failure: CozeFailure): boolean {
	return Number(failure.code) === 4100 || failure.httpStatus === 401;
}

/** What a cancelled execution reports: nothing is left running at Coze (chats are cancelled, waits stop). */
export function cancelledError(node: INode, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, 'The execution was cancelled', { itemIndex, description: 'Stopped by n8n; nothing was left running at Coze.' });
}

/** Errors from our own code pass through unchanged; anything else becomes a NodeOperationError for that item. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, redactSecrets((error as Error)?.message ?? String(error)), { itemIndex });
}
