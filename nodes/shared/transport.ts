import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { cozeApiBaseUrl } from '../../credentials/region';
import type { CozeFailure } from './errors';
import { cozeApiError, isAuthFailure, isRateLimited, isServerError, redactSecrets } from './errors';
import type { SseEvent } from './sse';
import { readSseEvents } from './sse';

export type CozeContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions;

export type CozeAuthentication = 'accessToken' | 'oAuth2' | 'jwt';

export const CREDENTIAL_TYPE_BY_AUTHENTICATION: Record<CozeAuthentication, string> = {
	accessToken: 'cozeApi',
	oAuth2: 'cozeOAuth2Api',
	jwt: 'cozeJwtApi',
};

export interface CozeRequest {
	method: IHttpRequestMethods;
	/** Path below the API base URL, e.g. '/v3/chat'. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | Buffer | Readable | unknown;
	headers?: Record<string, string>;
	itemIndex?: number;
	/** Milliseconds; for streams this is the idle time allowed between two chunks. Default 120 000. */
	timeoutMs?: number;
	/** Whether the call may be repeated after a 5xx or network error. Default: true for GET/HEAD only. */
	idempotent?: boolean;
	/** Retries after rate limits (and 5xx for idempotent calls). Default 3. */
	maxRetries?: number;
	/** First backoff delay in ms, doubled each retry unless Coze sends Retry-After. Default 500. */
	retryDelayMs?: number;
	/**
	 * The body is a stream that can be sent once (big uploads): no retries, and no redirect following, whose
	 * implementation keeps a copy of the whole request body in memory.
	 */
	streamBody?: boolean;
}

/** The part of a Node.js Readable the transport uses (n8n's stream responses). */
interface Readable extends AsyncIterable<Buffer | string> {
	destroy(error?: Error): void;
	pipe?: unknown;
}

interface RawResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

const TOKEN_REFRESH_MARGIN_SECONDS = 60;

function authenticationOf(ctx: CozeContext): CozeAuthentication {
	const value = ctx.getNodeParameter('authentication', 0, 'accessToken') as CozeAuthentication;
	return CREDENTIAL_TYPE_BY_AUTHENTICATION[value] ? value : 'accessToken';
}

function header(headers: RawResponse['headers'], name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function logIdOf(headers: RawResponse['headers'], body: unknown): string | undefined {
	const detail = (body as IDataObject | undefined)?.detail as IDataObject | undefined;
	return header(headers, 'x-tt-logid') ?? (detail?.logid as string | undefined);
}

/** Reads the failure (if any) out of a Coze answer: HTTP status, `code`, `error_code`, `error_message`, non-JSON. */
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
		return {
			httpStatus: statusCode,
			logId,
			endpoint,
			nonJsonBody: typeof body === 'string' ? body : String(body),
		};
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

/** Pulls status, headers and body out of whatever the n8n request helper threw. */
function responseOfThrown(error: unknown): RawResponse | undefined {
	const seen = new Set<unknown>();
	let current = error as IDataObject | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const response = current.response as IDataObject | undefined;
		if (response && typeof response === 'object' && 'status' in response) {
			return {
				statusCode: Number(response.status),
				headers: (response.headers ?? {}) as RawResponse['headers'],
				body: response.data,
			};
		}
		current = (current.cause ?? current.errorResponse ?? current.reason) as IDataObject | undefined;
	}
	return undefined;
}

async function readSmallBody(stream: Readable, limit = 1 << 20): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
		size += buffer.length;
		if (size > limit) break;
		chunks.push(buffer);
	}
	stream.destroy();
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * Sends one request through n8n's authenticated request helper (all three credential types), with:
 * success only when `code === 0`; retries with backoff on rate limits (and on 5xx when idempotent); a fresh token
 * after an auth failure for JWT / OAuth2 credentials; every failure mapped to a NodeApiError with code and log id.
 */
type ResponseKind = 'json' | 'stream' | 'binary';

async function send(ctx: CozeContext, request: CozeRequest, kind: ResponseKind): Promise<RawResponse> {
	const stream = kind === 'stream';
	const authentication = authenticationOf(ctx);
	const credentialType = CREDENTIAL_TYPE_BY_AUTHENTICATION[authentication];
	const credentials = (await ctx.getCredentials(credentialType, request.itemIndex ?? 0)) as ICredentialDataDecryptedObject;
	const baseUrl = cozeApiBaseUrl(credentials);
	if (!/^https?:\/\//.test(baseUrl)) {
		throw cozeApiError(ctx.getNode(), { msg: `The credential has no valid Base URL ("${baseUrl}"). Use http(s)://host` }, request.itemIndex);
	}
	const endpoint = `${request.method} ${request.path}`;
	const idempotent = request.idempotent ?? (request.method === 'GET' || request.method === 'HEAD');
	const maxRetries = request.streamBody ? 0 : (request.maxRetries ?? 3);
	const retryDelayMs = request.retryDelayMs ?? 500;
	let forceNewToken = authentication === 'jwt' && Number(credentials.expiresAt) - TOKEN_REFRESH_MARGIN_SECONDS < Date.now() / 1000;
	let authRetried = false;

	for (let attempt = 0; ; attempt++) {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body as IHttpRequestOptions['body'],
			headers: {
				Accept: stream ? 'text/event-stream, application/json' : kind === 'binary' ? '*/*' : 'application/json',
				...request.headers,
			},
			json: kind === 'json',
			returnFullResponse: true,
			timeout: request.timeoutMs ?? 120_000,
		};
		if (stream) options.encoding = 'stream';
		if (kind === 'binary') options.encoding = 'arraybuffer';
		if (request.streamBody) options.disableFollowRedirect = true;
		let additional: IDataObject | undefined;
		if (forceNewToken) {
			// An empty expirable field makes n8n run the credential's preAuthentication (sign + exchange) and persist it.
			const details = ctx.getNode().credentials?.[credentialType];
			additional = { credentialsDecrypted: { id: details?.id ?? '', name: details?.name ?? '', type: credentialType, data: { ...credentials, accessToken: '' } } };
			forceNewToken = false;
		}

		let response: RawResponse | undefined;
		let failure: CozeFailure | undefined;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options, additional as never)) as RawResponse;
			if (stream) {
				const contentType = String(header(response.headers, 'content-type') ?? '');
				if (!contentType.includes('text/event-stream')) {
					// Coze answers a JSON envelope instead of SSE when the call fails before the stream starts.
					const text = await readSmallBody(response.body as Readable);
					failure = failureOf({ ...response, body: text }, endpoint) ?? {
						httpStatus: response.statusCode,
						logId: header(response.headers, 'x-tt-logid'),
						endpoint,
						msg: `expected an event stream but got ${contentType || 'no content type'}`,
						nonJsonBody: text,
					};
				}
			} else if (kind === 'binary') {
				const contentType = String(header(response.headers, 'content-type') ?? '');
				response.body = Buffer.from(response.body as ArrayBuffer);
				if (contentType.includes('json')) failure = failureOf(response, endpoint) ?? { httpStatus: response.statusCode, endpoint, msg: 'expected a file but got JSON' };
			} else {
				failure = failureOf(response, endpoint);
			}
		} catch (error) {
			const thrown = responseOfThrown(error);
			if (thrown) {
				if (thrown.body && typeof (thrown.body as Readable).pipe === 'function') {
					thrown.body = await readSmallBody(thrown.body as Readable).catch(() => '');
				}
				failure = failureOf(thrown, endpoint) ?? { httpStatus: thrown.statusCode, endpoint };
			} else {
				const message = redactSecrets((error as Error)?.message ?? String(error));
				failure = { endpoint, msg: `could not reach Coze at ${baseUrl}: ${message}` };
				if (!idempotent || attempt >= maxRetries) throw cozeApiError(ctx.getNode(), failure, request.itemIndex);
				await sleep(retryDelayMs * 2 ** attempt);
				continue;
			}
		}
		if (!failure && response) return response;
		failure = failure as CozeFailure;

		if (isAuthFailure(failure) && !authRetried && authentication !== 'accessToken') {
			authRetried = true;
			if (authentication === 'jwt') {
				forceNewToken = true;
				continue;
			}
			const refresh = (ctx.helpers as { refreshOAuth2Token?: (this: CozeContext, type: string) => Promise<unknown> }).refreshOAuth2Token;
			if (typeof refresh === 'function') {
				try {
					await refresh.call(ctx, credentialType);
					continue;
				} catch {
					// fall through: report the original failure
				}
			}
		}
		if ((isRateLimited(failure) || (idempotent && isServerError(failure))) && attempt < maxRetries) {
			const retryAfter = Number(header(response?.headers ?? {}, 'retry-after'));
			await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : retryDelayMs * 2 ** attempt);
			continue;
		}
		throw cozeApiError(ctx.getNode(), failure, request.itemIndex);
	}
}

/** A JSON call to Coze. Resolves with the whole envelope (some endpoints put results beside `data`). */
export async function cozeApiRequest(this: CozeContext, request: CozeRequest): Promise<IDataObject> {
	const response = await send(this, request, 'json');
	return (response.body ?? {}) as IDataObject;
}

/** Convenience: the envelope's `data`. */
export async function cozeApiData(this: CozeContext, request: CozeRequest): Promise<IDataObject> {
	const envelope = await cozeApiRequest.call(this, request);
	return (envelope.data ?? {}) as IDataObject;
}

/**
 * A call whose answer is a file (e.g. text to speech): resolves with the bytes and their content type; a JSON envelope
 * instead of bytes is read as the Coze failure it reports.
 */
export async function cozeApiBinary(
	this: CozeContext,
	request: CozeRequest,
): Promise<{ data: Buffer; contentType?: string; logId?: string }> {
	const response = await send(this, request, 'binary');
	return {
		data: response.body as Buffer,
		contentType: header(response.headers, 'content-type'),
		logId: header(response.headers, 'x-tt-logid'),
	};
}

/**
 * A streaming call. Resolves once the event stream has started (or throws the mapped Coze error) with the events as
 * they arrive and the log id. A connection cut or an idle stream (no bytes for `timeoutMs`) throws a NodeApiError.
 */
export async function cozeApiStream(
	this: CozeContext,
	request: CozeRequest,
): Promise<{ events: AsyncGenerator<SseEvent>; logId?: string; close: () => void }> {
	const response = await send(this, { ...request, idempotent: request.idempotent ?? false }, 'stream');
	const body = response.body as Readable;
	const logId = header(response.headers, 'x-tt-logid');
	const node = this.getNode();
	const endpoint = `${request.method} ${request.path}`;
	async function* events(): AsyncGenerator<SseEvent> {
		try {
			yield* readSseEvents(body);
		} catch (error) {
			const message = redactSecrets((error as Error)?.message ?? String(error));
			const idle = /timeout|timed out|ETIMEDOUT|ECONNABORTED/i.test(message);
			throw cozeApiError(
				node,
				{
					endpoint,
					logId,
					msg: idle
						? `the event stream went idle for longer than ${request.timeoutMs ?? 120_000} ms; the answer is incomplete`
						: `the event stream was cut before it finished (${message}); the answer is incomplete`,
				},
				request.itemIndex,
			);
		} finally {
			body.destroy();
		}
	}
	return { events: events(), logId, close: () => body.destroy() };
}

/** How one Coze list endpoint pages. */
export interface PageStyle {
	/** Items of one page. */
	items(envelope: IDataObject): IDataObject[];
	/** The request for the next page, or undefined when this was the last one. */
	next(envelope: IDataObject, request: CozeRequest, page: IDataObject[]): CozeRequest | undefined;
}

function at(object: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], object);
}

function withParams(request: CozeRequest, where: 'qs' | 'body', params: IDataObject): CozeRequest {
	return where === 'qs'
		? { ...request, qs: { ...request.qs, ...params } }
		: { ...request, body: { ...(request.body as IDataObject), ...params } };
}

/** page_num/page_size (or other names) with `has_more` or a total count. */
export function pageNumberStyle(options: {
	itemsPath: string;
	pageSize: number;
	pageParam?: string;
	sizeParam?: string;
	where?: 'qs' | 'body';
	hasMorePath?: string;
	totalPath?: string;
}): PageStyle & { first(request: CozeRequest): CozeRequest } {
	const pageParam = options.pageParam ?? 'page_num';
	const sizeParam = options.sizeParam ?? 'page_size';
	const where = options.where ?? 'qs';
	const pageOf = (request: CozeRequest) => Number(((where === 'qs' ? request.qs : (request.body as IDataObject)) ?? {})[pageParam] ?? 1);
	return {
		first: (request) => withParams(request, where, { [pageParam]: 1, [sizeParam]: options.pageSize }),
		items: (envelope) => (at(envelope, options.itemsPath) as IDataObject[] | undefined) ?? [],
		next(envelope, request, page) {
			const pageNum = pageOf(request);
			const hasMore = options.hasMorePath ? at(envelope, options.hasMorePath) : undefined;
			const total = options.totalPath ? Number(at(envelope, options.totalPath)) : NaN;
			let more: boolean;
			if (typeof hasMore === 'boolean') more = hasMore;
			else if (Number.isFinite(total)) more = pageNum * options.pageSize < total;
			else more = page.length >= options.pageSize;
			if (!more || page.length === 0) return undefined;
			return withParams(request, where, { [pageParam]: pageNum + 1 });
		},
	};
}

/** Cursor paging: send `cursorParam` = the envelope's `cursorPath` value until `has_more` is false. */
export function cursorStyle(options: {
	itemsPath: string;
	cursorParam: string;
	cursorPath: string;
	hasMorePath?: string;
	where?: 'qs' | 'body';
}): PageStyle {
	return {
		items: (envelope) => (at(envelope, options.itemsPath) as IDataObject[] | undefined) ?? [],
		next(envelope, request, page) {
			const hasMore = at(envelope, options.hasMorePath ?? 'has_more');
			const cursor = at(envelope, options.cursorPath);
			if (hasMore !== true || page.length === 0 || cursor === undefined || cursor === null || cursor === '') return undefined;
			return withParams(request, options.where ?? 'qs', { [options.cursorParam]: cursor });
		},
	};
}

/** Token paging: `page_token` = `next_page_token` while `has_more`. */
export function pageTokenStyle(options: { itemsPath: string; tokenParam?: string; tokenPath?: string; hasMorePath?: string }): PageStyle {
	return cursorStyle({
		itemsPath: options.itemsPath,
		cursorParam: options.tokenParam ?? 'page_token',
		cursorPath: options.tokenPath ?? 'data.next_page_token',
		hasMorePath: options.hasMorePath ?? 'data.has_more',
	});
}

/** Fetches pages until the style says stop or `limit` items are collected. */
export async function cozePaginate(
	this: CozeContext,
	request: CozeRequest,
	style: PageStyle,
	limit?: number,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	let next: CozeRequest | undefined = request;
	while (next) {
		const envelope = await cozeApiRequest.call(this, next);
		const page = style.items(envelope);
		results.push(...page);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		next = style.next(envelope, next, page);
	}
	return results;
}
