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

import { cozeApiBaseUrl } from '../../../credentials/region';
import type { CozeFailure } from '../errors';
import { cancelledError, cozeApiError, isAuthFailure, isRateLimited, isServerError, redactSecrets } from '../errors';
import { nodeLevelParameter, nodeOf } from '../params';
import { cancelSignalOf, pause } from '../polling';
import type { SseEvent } from './sse';
import { readSseEvents } from './sse';
import type { RawResponse } from './failures';
import { credentialProblemOf, failureOf, header, responseOfThrown } from './failures';
import { isRedirect, redirectDecision } from './redirects';

export type CozeContext = IExecuteFunctions | IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

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
	/** Do not tie the request to the execution's cancel signal (a cleanup call made after a cancel). */
	ignoreCancel?: boolean;
	/** Tie the request to this signal instead of the execution's (streams that must read on briefly after a cancel). */
	cancelSignal?: AbortSignal;
	/**
	 * Epoch ms by which the call is over, on its own clock (a wait's overall timeout): each attempt's timeout is cut
	 * to the time left, and no retry starts that could not finish before it.
	 */
	deadlineAt?: number;
}

/** The part of a Node.js Readable the transport uses (n8n's stream responses). */
interface Readable extends AsyncIterable<Buffer | string> {
	destroy(error?: Error): void;
	pipe?: unknown;
}

type ResponseKind = 'json' | 'stream' | 'binary';

const TOKEN_REFRESH_MARGIN_SECONDS = 60;

/**
 * JWT renewals in flight in this n8n process, per credential: items that find the token expired at the same moment
 * wait for the one renewal (and then read the new token) instead of each signing and exchanging their own.
 */
const jwtRenewals = new Map<string, Promise<unknown>>();
const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Per node context (one per node run, shared by its items), read once instead of on every request: the
 * authentication choice, and for a token credential (PAT) its decrypted data, handed to n8n's request helper so that
 * it does not load and decrypt the credential again for every request (it reads it for item 0 in any case). A JWT
 * credential is still read for each request: its token's expiry changes; OAuth2 goes through n8n's OAuth2 client,
 * which reads its own.
 */
interface ContextState {
	authentication: CozeAuthentication;
	credentials?: Promise<ICredentialDataDecryptedObject>;
	baseUrl?: string;
}
const perContext = new WeakMap<object, ContextState>();

function stateOf(ctx: CozeContext): ContextState {
	const known = perContext.get(ctx);
	if (known) return known;
	const value = nodeLevelParameter(ctx as Parameters<typeof nodeLevelParameter>[0], 'authentication', 'accessToken') as CozeAuthentication;
	const state: ContextState = { authentication: CREDENTIAL_TYPE_BY_AUTHENTICATION[value] ? value : 'accessToken' };
	perContext.set(ctx, state);
	return state;
}

export function authenticationOf(ctx: CozeContext): CozeAuthentication {
	return stateOf(ctx).authentication;
}

/** The token credential's data, read once per node run (a failed read is not kept: the next item tries again). */
async function tokenCredentialOf(
	ctx: CozeContext,
	state: ContextState,
	credentialType: string,
	itemIndex: number,
): Promise<ICredentialDataDecryptedObject> {
	if (!state.credentials) {
		const reading = ctx.getCredentials(credentialType, itemIndex) as Promise<ICredentialDataDecryptedObject>;
		state.credentials = reading;
		reading.catch(() => {
			if (state.credentials === reading) state.credentials = undefined;
		});
	}
	return await state.credentials;
}

/**
 * n8n's request helper ties every request to `this.getExecutionCancelSignal()`. A caller that needs another signal
 * (or none) calls it with a context that answers that instead; everything else is the node's own context.
 */
function withCancelSignal(ctx: CozeContext, signal: AbortSignal | undefined): CozeContext {
	return Object.create(ctx, { getExecutionCancelSignal: { value: () => signal } }) as CozeContext;
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

/** The failure (if any) in an answer that arrived: stream answers must be SSE, file answers must not be JSON. */
async function failureOfAnswer(response: RawResponse, kind: ResponseKind, endpoint: string): Promise<CozeFailure | undefined> {
	const contentType = String(header(response.headers, 'content-type') ?? '');
	if (kind === 'stream') {
		if (contentType.includes('text/event-stream')) return undefined;
		// Coze answers a JSON envelope instead of SSE when the call fails before the stream starts.
		const text = await readSmallBody(response.body as Readable);
		const logId = header(response.headers, 'x-tt-logid');
		const fallback = {
			httpStatus: response.statusCode,
			logId,
			endpoint,
			msg: `expected an event stream but got ${contentType || 'no content type'}`,
			nonJsonBody: text,
		};
		return failureOf({ ...response, body: text }, endpoint) ?? fallback;
	}
	if (kind === 'binary') {
		response.body = Buffer.from(response.body as ArrayBuffer);
		// A Coze error envelope is recognised whatever the content type says (text/plain, octet-stream, audio/…).
		if (!contentType.includes('json') && !isEnvelope(response.body as Buffer)) return undefined;
		return failureOf(response, endpoint) ?? { httpStatus: response.statusCode, endpoint, msg: 'expected a file but got JSON' };
	}
	return failureOf(response, endpoint);
}

/** Whether a file answer is in fact a Coze envelope: a small JSON object with `code` (or an OAuth `error_code`). */
function isEnvelope(body: Buffer): boolean {
	if (body.length > 64 * 1024) return false;
	const text = body.toString('utf8').trim();
	if (!text.startsWith('{')) return false;
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed !== null && typeof parsed === 'object' && ('code' in parsed || 'error_code' in parsed);
	} catch {
		return false;
	}
}

/**
 * The one request path of the package, for every node and all three credential types:
 * - success only when the answer is what was asked for and `code === 0` (failures.ts says what a failure is);
 * - a fresh token after 401 or 4100 (JWT: re-sign; OAuth2: refresh), once; a JWT close to expiry is re-signed first;
 * - retries with backoff (or Retry-After) on 429 / 4013, and on 5xx / network errors only for idempotent calls;
 * - the execution's cancel signal ends the request and every pause at once, with no retry;
 * - a credential that cannot produce a token is reported as such, without retries;
 * - every failure becomes one NodeApiError (errors.ts) with code, message, log id, hint, and no secret in it.
 */
async function send(ctx: CozeContext, request: CozeRequest, kind: ResponseKind): Promise<RawResponse> {
	const node = nodeOf(ctx);
	const itemIndex = request.itemIndex;
	const state = stateOf(ctx);
	const { authentication } = state;
	const credentialType = CREDENTIAL_TYPE_BY_AUTHENTICATION[authentication];
	let credentials: ICredentialDataDecryptedObject | undefined;
	if (authentication === 'accessToken') {
		credentials = await tokenCredentialOf(ctx, state, credentialType, itemIndex ?? 0);
	} else if (authentication === 'jwt' || state.baseUrl === undefined) {
		credentials = (await ctx.getCredentials(credentialType, itemIndex ?? 0)) as ICredentialDataDecryptedObject;
	}
	if (state.baseUrl === undefined && credentials) state.baseUrl = cozeApiBaseUrl(credentials);
	const baseUrl = state.baseUrl as string;
	if (!/^https?:\/\//.test(baseUrl)) {
		throw cozeApiError(node, { msg: `The credential has no valid Base URL ("${baseUrl}"). Use http(s)://host` }, itemIndex);
	}
	const signal = request.ignoreCancel ? undefined : (request.cancelSignal ?? cancelSignalOf(ctx));
	const caller = request.ignoreCancel || request.cancelSignal ? withCancelSignal(ctx, signal) : ctx;
	const endpoint = `${request.method} ${request.path}`;
	const idempotent = request.idempotent ?? (request.method === 'GET' || request.method === 'HEAD');
	const maxRetries = request.streamBody ? 0 : (request.maxRetries ?? 3);
	const retryDelayMs = request.retryDelayMs ?? 500;
	let forceNewToken = authentication === 'jwt' && Number(credentials?.expiresAt) - TOKEN_REFRESH_MARGIN_SECONDS < Date.now() / 1000;
	let authRetried = false;
	let retries = 0;
	// Where the call goes: the credential's base URL, or a same-origin address Coze redirected it to (redirects.ts).
	let url = `${baseUrl}${request.path}`;
	let qs = request.qs;
	let hops = 0;

	const deadlineAt = request.deadlineAt ?? Number.POSITIVE_INFINITY;
	const pastDeadline = (last?: CozeFailure) =>
		cozeApiError(
			node,
			{ ...last, endpoint, attempts: retries + 1, msg: `no answer before the timeout${last?.msg ? ` (last answer: ${last.msg})` : ''}` },
			itemIndex,
		);

	for (;;) {
		if (signal?.aborted) throw cancelledError(node, itemIndex);
		const timeLeft = deadlineAt - Date.now();
		if (timeLeft <= 0) throw pastDeadline();
		const options: IHttpRequestOptions = {
			method: request.method,
			url,
			qs,
			body: request.body as IHttpRequestOptions['body'],
			headers: {
				Accept: kind === 'stream' ? 'text/event-stream, application/json' : kind === 'binary' ? '*/*' : 'application/json',
				...request.headers,
			},
			json: kind === 'json',
			returnFullResponse: true,
			timeout: Math.max(1, Math.min(request.timeoutMs ?? DEFAULT_TIMEOUT_MS, timeLeft)),
		};
		if (kind === 'stream') options.encoding = 'stream';
		if (kind === 'binary') options.encoding = 'arraybuffer';
		// n8n's client would follow redirects and, for another origin, add the credential again: redirects.ts decides.
		options.disableFollowRedirect = true;
		const credentialId = node.credentials?.[credentialType]?.id ?? '';
		const renewing = forceNewToken && credentialId ? jwtRenewals.get(credentialId) : undefined;
		if (renewing) {
			await renewing.catch(() => undefined);
			credentials = (await ctx.getCredentials(credentialType, itemIndex ?? 0)) as ICredentialDataDecryptedObject;
			forceNewToken = false;
		}
		const details = node.credentials?.[credentialType];
		// The credential as read above, so that n8n does not load and decrypt it again (OAuth2: n8n's client reads its own).
		let additional: IDataObject | undefined =
			credentials && authentication !== 'oAuth2'
				? { credentialsDecrypted: { id: details?.id ?? '', name: details?.name ?? '', type: credentialType, data: credentials } }
				: undefined;
		let renewal = false;
		if (forceNewToken) {
			// An empty expirable field makes n8n run the credential's preAuthentication (sign + exchange) and persist it.
			additional = {
				credentialsDecrypted: { id: details?.id ?? '', name: details?.name ?? '', type: credentialType, data: { ...credentials, accessToken: '' } },
			};
			renewal = true;
			forceNewToken = false;
		}

		let response: RawResponse | undefined;
		let failure: CozeFailure | undefined;
		try {
			const call = ctx.helpers.httpRequestWithAuthentication.call(caller, credentialType, options, additional as never) as Promise<RawResponse>;
			if (renewal && credentialId) jwtRenewals.set(credentialId, call);
			try {
				response = await call;
			} finally {
				if (jwtRenewals.get(credentialId) === call) jwtRenewals.delete(credentialId);
			}
			failure = await failureOfAnswer(response, kind, endpoint);
		} catch (error) {
			if (signal?.aborted) throw cancelledError(node, itemIndex);
			const credentialProblem = credentialProblemOf(error);
			if (credentialProblem) throw cozeApiError(node, { endpoint, credentialProblem }, itemIndex);
			const thrown = responseOfThrown(error);
			if (!thrown) {
				const message = redactSecrets((error as Error)?.message ?? String(error));
				failure = { endpoint, attempts: retries + 1, msg: `could not reach Coze at ${baseUrl}: ${message}` };
				if (!idempotent || retries >= maxRetries) throw cozeApiError(node, failure, itemIndex);
				if (Date.now() + retryDelayMs * 2 ** retries >= deadlineAt) throw pastDeadline(failure);
				await pause(retryDelayMs * 2 ** retries++, signal, () => cancelledError(node, itemIndex));
				continue;
			}
			if (thrown.body && typeof (thrown.body as Readable).pipe === 'function') {
				thrown.body = await readSmallBody(thrown.body as Readable).catch(() => '');
			}
			failure = failureOf(thrown, endpoint) ?? { httpStatus: thrown.statusCode, endpoint };
			response = thrown;
		}
		if (response && isRedirect(response.statusCode)) {
			const decision = redirectDecision(url, header(response.headers, 'location'), request.method, response.statusCode, hops, !request.streamBody);
			if ('follow' in decision) {
				url = decision.follow;
				qs = undefined;
				hops++;
				continue;
			}
			const logId = header(response.headers, 'x-tt-logid');
			throw cozeApiError(node, { endpoint, httpStatus: response.statusCode, logId, msg: decision.refuse }, itemIndex);
		}
		if (!failure && response) return response;
		failure = { ...(failure as CozeFailure), attempts: retries + 1 };

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
				} catch (error) {
					throw cozeApiError(
						node,
						{ ...failure, credentialProblem: credentialProblemOf(error) ?? 'the OAuth2 token could not be refreshed. Reconnect the credential.' },
						itemIndex,
					);
				}
				continue;
			}
		}
		if ((isRateLimited(failure) || (idempotent && isServerError(failure))) && retries < maxRetries) {
			const retryAfter = Number(header(response?.headers, 'retry-after'));
			const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : retryDelayMs * 2 ** retries;
			if (Date.now() + delay >= deadlineAt) throw cozeApiError(node, failure, itemIndex);
			retries++;
			await pause(delay, signal, () => cancelledError(node, itemIndex));
			continue;
		}
		throw cozeApiError(node, failure, itemIndex);
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
export async function cozeApiBinary(this: CozeContext, request: CozeRequest): Promise<{ data: Buffer; contentType?: string; logId?: string }> {
	const response = await send(this, request, 'binary');
	return { data: response.body as Buffer, contentType: header(response.headers, 'content-type'), logId: header(response.headers, 'x-tt-logid') };
}

/** An event stream that has started: its events as they arrive, its log id, and a way to close it early. */
export interface CozeStream {
	events: AsyncGenerator<SseEvent>;
	logId?: string;
	close: () => void;
}

/** Limits of a stream beyond its idle time (`CozeRequest.timeoutMs`). */
export interface StreamLimits {
	/** Epoch ms at which the stream is closed whatever still arrives (the caller's overall timeout). */
	deadlineAt?: number;
	/**
	 * While `known()` is false at the deadline (what runs at Coze has not been named yet, so it could not be stopped),
	 * reading goes on for at most `graceMs` more, to learn it.
	 */
	graceMs?: number;
	known?: () => boolean;
}

/** How often at most the stream watchdog wakes; also the longest a timer may outlive its stream on n8n 1.x. */
const WATCHDOG_TICK_MS = 1000;

/**
 * A streaming call. Resolves once the event stream has started (or throws the mapped Coze error). Two clocks run on
 * their own, whatever arrives: the idle clock counts only events (SSE comments such as `: keep-alive`, which proxies
 * and gateways send without knowing whether Coze is still working, do not reset it; Coze's own events, PING
 * included, do), and the deadline (`limits.deadlineAt`) closes the stream at that moment. A connection cut or an
 * idle stream throws a NodeApiError that says which; a cancelled execution closes it. What the events mean, live
 * chunks and the message for a deadline are streamLifecycle.ts's concern.
 */
export async function cozeApiStream(this: CozeContext, request: CozeRequest, limits: StreamLimits = {}): Promise<CozeStream> {
	const response = await send(this, { ...request, idempotent: request.idempotent ?? false }, 'stream');
	const body = response.body as Readable;
	const logId = header(response.headers, 'x-tt-logid');
	const node = nodeOf(this);
	const signal = request.cancelSignal ?? cancelSignalOf(this);
	const endpoint = `${request.method} ${request.path}`;
	const idleMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const deadlineAt = limits.deadlineAt ?? Number.POSITIVE_INFINITY;
	const graceEndsAt = deadlineAt + (limits.known ? (limits.graceMs ?? 0) : 0);
	const pastDeadline = (now: number) => now >= graceEndsAt || (now >= deadlineAt && (limits.known?.() ?? true));
	let lastEventAt = Date.now();
	let stopped: 'idle' | 'deadline' | undefined;
	const watch = new AbortController();
	// Settles when the watchdog stops the stream; raced against every read, so a stop never waits for the next byte.
	let stop: () => void = () => {};
	const stoppedByWatchdog = new Promise<'stopped'>((resolve) => (stop = () => resolve('stopped')));

	async function watchdog(): Promise<void> {
		for (;;) {
			const now = Date.now();
			if (pastDeadline(now)) stopped = 'deadline';
			else if (now - lastEventAt >= idleMs) stopped = 'idle';
			if (stopped) {
				stop();
				body.destroy();
				return;
			}
			const next = Math.min(lastEventAt + idleMs, now >= deadlineAt ? graceEndsAt : deadlineAt) - now;
			try {
				// n8n-workflow's sleep takes an abort signal since 2.x; on 1.x the tick just runs out (≤ 1 s).
				await (sleep as (ms: number, abortSignal?: AbortSignal) => Promise<void>)(Math.min(Math.max(next, 5), WATCHDOG_TICK_MS), watch.signal);
			} catch {
				return;
			}
			if (watch.signal.aborted) return;
		}
	}

	const idleError = () =>
		cozeApiError(
			node,
			{ endpoint, logId, msg: `the event stream went idle: no event for ${Math.round(idleMs / 1000)} s (Idle Timeout); the answer is incomplete` },
			request.itemIndex,
		);
	const deadlineError = () =>
		cozeApiError(node, { endpoint, logId, msg: 'the event stream was closed at the timeout; the answer is incomplete' }, request.itemIndex);

	async function* events(): AsyncGenerator<SseEvent> {
		const source = readSseEvents(body);
		void watchdog();
		try {
			for (;;) {
				const next = await Promise.race([source.next(), stoppedByWatchdog]);
				if (next === 'stopped' || next.done) break;
				lastEventAt = Date.now();
				yield next.value;
			}
			if (stopped === 'deadline') throw deadlineError();
			if (stopped === 'idle') throw idleError();
		} catch (error) {
			if (signal?.aborted) throw cancelledError(node, request.itemIndex);
			if (stopped === 'deadline') throw deadlineError();
			if (stopped === 'idle') throw idleError();
			const message = redactSecrets((error as Error)?.message ?? String(error));
			// n8n's socket timeout (no bytes at all for the idle time) surfaces as a plain "aborted" or a timeout.
			const idle = Date.now() - lastEventAt >= idleMs * 0.9 || /timeout|timed out|ETIMEDOUT|ESOCKETTIMEDOUT/i.test(message);
			if (idle) throw idleError();
			throw cozeApiError(
				node,
				{ endpoint, logId, msg: `the event stream was cut before it finished (${message}); the answer is incomplete` },
				request.itemIndex,
			);
		} finally {
			watch.abort();
			body.destroy();
			// A read still pending on the destroyed body settles (or not) on its own; nothing waits for it.
			void source.return(undefined).catch(() => undefined);
		}
	}
	return { events: events(), logId, close: () => body.destroy() };
}
