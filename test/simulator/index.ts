import { createHash, generateKeyPairSync, randomBytes } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import { createServer } from 'http';
import type { AddressInfo, Socket } from 'net';

import { validateRequest } from './contract';
import { logId as newLogId } from './ids';
import { verifyCozeJwt } from './jwt';
import { parseMultipartStream } from './multipart';
import { registerRoutes } from './routes';
import { STUDIO_AUTH_FAILURE, studioContractErrors, studioHasRoute, studioNoRoute } from './studio';

/**
 * A Coze-compatible HTTP server on 127.0.0.1: the test double shared by engine tests, benchmarks and `npm run dev`.
 * It follows test/coze-reference (the vendored spec + official docs) and test/simulator/SOURCES.md: envelopes, auth, OAuth/JWT token endpoints, SSE with pacing, request
 * recording (secrets redacted), switchable faults, and a contract check of every request against the spec.
 */

export interface SimulatorOptions {
	port?: number;
	/** Delay between SSE events, ms. Default 5. */
	ssePacingMs?: number;
	validateContract?: boolean;
	patTokens?: string[];
	oauth?: { clientId: string; clientSecret?: string };
	jwt?: { appId: string; publicKeyId: string; publicKeyPem: string; privateKeyPem?: string };
	accessTokenTtlSeconds?: number;
	/** HTTP status for invalid tokens. Coze answers HTTP 200 with code 4100. */
	authFailureHttpStatus?: number;
	/** Delay before a chat starts answering, ms (benchmarks). Default 0. */
	chatLatencyMs?: number;
	/** How long the slow bot stays in progress, ms. Default 5000. */
	slowChatMs?: number;
	/**
	 * OAuth token endpoint contract. 'strict' (default) follows docs/oauth_code.md and oauth_pkce.md: a JSON body with
	 * client_id, the web app's secret as `Authorization: Bearer <client_secret>` (PKCE: code_verifier, no secret).
	 * 'lenient' also takes RFC 6749 shapes: form-encoded bodies, `Basic` client auth, client_secret in the body.
	 */
	oauthMode?: 'strict' | 'lenient';
	/**
	 * 'coze' (default): the official Coze OpenAPI (coze.cn / coze.com). 'studio': a self-hosted Coze Studio
	 * (studio.ts): only the routes Studio registers, its unknown-route and API-key answers, its run history path.
	 */
	profile?: 'coze' | 'studio';
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: unknown;
	contractErrors: string[];
	at: number;
}

export type Fault =
	| { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
	| { kind: 'envelope'; code: number; msg: string; httpStatus?: number }
	| { kind: 'rateLimit' }
	| { kind: 'html' }
	| { kind: 'resetMidStream'; afterEvents: number }
	| { kind: 'idleStream'; afterEvents: number; idleMs: number }
	/**
	 * After `afterEvents` events (0: right after the headers) only SSE comment lines (`: keep-alive`) every
	 * `intervalMs`, for at most `forMs`, then the stream is closed. What proxies, gateways and some self-hosted servers
	 * send on a quiet stream (comments are part of the SSE format: WHATWG HTML, "Server-sent events", lines starting with
	 * a colon); not something Coze itself is documented to send. With `ping`, workflow `PING` events instead: Coze's own
	 * heartbeat "while the workflow runs" (docs workflow_stream_run.md, event PING: 心跳信号。表示工作流执行中).
	 */
	| { kind: 'keepAlive'; afterEvents: number; intervalMs: number; forMs: number; ping?: boolean }
	| { kind: 'malformedEvent'; afterEvents: number }
	/**
	 * Coze Studio's stream handlers (backend/api/handler/coze/workflow_service.go sendStreamRunSSE and
	 * sendChatFlowStreamRunSSE) write a lowercase `error` event whose data is the raw error text (not JSON), no id,
	 * then close the stream, when the run's stream fails internally.
	 */
	| { kind: 'rawErrorEvent'; afterEvents: number; text?: string }
	| { kind: 'delay'; ms: number };

export interface FaultRule {
	method?: string;
	path?: string | RegExp;
	times?: number;
	/** Let this many matching requests through before the fault applies (e.g. fail the second batch of a series). */
	skip?: number;
	fault: Fault;
}

export interface SseWriter {
	event(name: string, data: unknown, opts?: { id?: string | number; style?: 'chat' | 'workflow' }): Promise<void>;
	comment(text: string): Promise<void>;
	end(): void;
	readonly closed: boolean;
}

export interface RouteContext {
	req: RecordedRequest;
	params: Record<string, string>;
	sim: Simulator;
	auth: { kind: 'pat' | 'oauth' | 'jwt'; sessionName?: string };
	json(data: unknown, extra?: Record<string, unknown>): void;
	raw(status: number, body: unknown, headers?: Record<string, string>): void;
	error(code: number, msg: string, httpStatus?: number): void;
	sse(): SseWriter;
	/** True once the client went away. */
	readonly aborted: boolean;
}

export type RouteHandler = (ctx: RouteContext) => Promise<void> | void;

interface IssuedToken {
	kind: 'oauth' | 'jwt';
	expiresAt: number;
	expired: boolean;
	sessionName?: string;
}

export interface Simulator {
	url: string;
	port: number;
	options: Required<Pick<SimulatorOptions, 'ssePacingMs' | 'chatLatencyMs' | 'slowChatMs'>>;
	requests: RecordedRequest[];
	contractViolations(): string[];
	addFault(rule: FaultRule): void;
	clearFaults(): void;
	route(method: string, pathPattern: string, handler: RouteHandler): void;
	issueAccessToken(opts?: { ttlSeconds?: number; kind?: 'oauth' | 'jwt'; grant?: 'web' | 'pkce' | 'any' }): {
		accessToken: string;
		refreshToken?: string;
		expiresIn: number;
	};
	expireAccessToken(token: string): void;
	expireAllAccessTokens(): void;
	jwtKeys: { appId: string; publicKeyId: string; privateKeyPem: string; publicKeyPem: string };
	oauthClient: { clientId: string; clientSecret: string };
	/** See SimulatorOptions.oauthMode; may be switched at run time. */
	oauthMode: 'strict' | 'lenient';
	patTokens: string[];
	/** See SimulatorOptions.profile. */
	readonly profile: 'coze' | 'studio';
	control(name: string, handler: () => unknown): void;
	/** Per-area state that survives until reset(). */
	state<T>(key: string, init: () => T): T;
	reset(): void;
	close(): Promise<void>;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

interface Route {
	method: string;
	regex: RegExp;
	params: string[];
	handler: RouteHandler;
}

function matchFault(rule: FaultRule, method: string, path: string): boolean {
	if ((rule.times ?? 1) <= 0) return false;
	if (rule.method && rule.method.toUpperCase() !== method) return false;
	if (rule.path === undefined) return true;
	return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}

class CozeSimulator implements Simulator {
	url = '';

	port = 0;

	requests: RecordedRequest[] = [];

	options: Simulator['options'];

	patTokens: string[];

	jwtKeys: Simulator['jwtKeys'];

	oauthClient: Simulator['oauthClient'];

	oauthMode: Simulator['oauthMode'];

	readonly profile: Simulator['profile'];

	private readonly server = createServer((req, res) => void this.handle(req, res));

	private readonly sockets = new Set<Socket>();

	private faults: FaultRule[] = [];

	private readonly routes: Route[] = [];

	private states = new Map<string, unknown>();

	private readonly tokens = new Map<string, IssuedToken>();

	/** Refresh token → its access token and how it was granted ('web' needs the client secret to refresh). */
	private readonly refreshTokens = new Map<string, { accessToken: string; grant: 'web' | 'pkce' | 'any' }>();

	private readonly codes = new Map<string, { redirectUri: string; challenge?: string; method?: string }>();

	private readonly usedJtis = new Set<string>();

	private readonly controls = new Map<string, () => unknown>();

	/** Registers a GET control endpoint under /__sim/ (no auth, no contract check). */
	control(name: string, handler: () => unknown) {
		this.controls.set(`/__sim/${name}`, handler);
	}

	constructor(private readonly config: SimulatorOptions) {
		this.options = {
			ssePacingMs: config.ssePacingMs ?? 5,
			chatLatencyMs: config.chatLatencyMs ?? 0,
			slowChatMs: config.slowChatMs ?? 5000,
		};
		this.patTokens = config.patTokens ?? ['pat_sim_test_token'];
		this.oauthMode = config.oauthMode ?? 'strict';
		this.profile = config.profile ?? 'coze';
		this.oauthClient = {
			clientId: config.oauth?.clientId ?? 'sim-oauth-client',
			clientSecret: config.oauth?.clientSecret ?? 'sim-oauth-secret',
		};
		if (config.jwt) {
			this.jwtKeys = { privateKeyPem: config.jwt.privateKeyPem ?? '', ...config.jwt };
		} else {
			const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
			this.jwtKeys = {
				appId: '1170000000001',
				publicKeyId: `sim_${randomBytes(8).toString('hex')}`,
				privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
				publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
			};
		}
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async listen(port: number) {
		await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
		this.url = `http://127.0.0.1:${this.port}`;
		registerRoutes(this);
	}

	contractViolations(): string[] {
		return this.requests.flatMap((r) => r.contractErrors.map((e) => `${r.method} ${r.path}: ${e}`));
	}

	addFault(rule: FaultRule) {
		this.faults.push({ times: 1, ...rule });
	}

	clearFaults() {
		this.faults = [];
	}

	route(method: string, pathPattern: string, handler: RouteHandler) {
		const params: string[] = [];
		const pattern = pathPattern.replace(/\{([^}]+)\}/g, (_m, name: string) => {
			params.push(name);
			return '([^/]+)';
		});
		this.routes.push({ method: method.toUpperCase(), regex: new RegExp(`^${pattern}$`), params, handler });
		// Static routes first (e.g. /v1/workflows/chat before /v1/workflows/{id}).
		this.routes.sort((a, b) => a.params.length - b.params.length);
	}

	state<T>(key: string, init: () => T): T {
		if (!this.states.has(key)) this.states.set(key, init());
		return this.states.get(key) as T;
	}

	reset() {
		this.requests = [];
		this.faults = [];
		this.states = new Map();
	}

	issueAccessToken(opts: { ttlSeconds?: number; kind?: 'oauth' | 'jwt'; sessionName?: string; grant?: 'web' | 'pkce' | 'any' } = {}) {
		const kind = opts.kind ?? 'oauth';
		const accessToken = `${kind === 'jwt' ? 'czs' : 'czu'}_${randomBytes(24).toString('hex')}`;
		const expiresAt = Math.floor(Date.now() / 1000) + (opts.ttlSeconds ?? this.config.accessTokenTtlSeconds ?? 3600);
		this.tokens.set(accessToken, { kind, expiresAt, expired: false, sessionName: opts.sessionName });
		let refreshToken: string | undefined;
		if (kind === 'oauth') {
			refreshToken = `rt_${randomBytes(24).toString('hex')}`;
			this.refreshTokens.set(refreshToken, { accessToken, grant: opts.grant ?? 'any' });
		}
		return { accessToken, refreshToken, expiresIn: expiresAt };
	}

	expireAccessToken(token: string) {
		const issued = this.tokens.get(token);
		if (issued) issued.expired = true;
	}

	expireAllAccessTokens() {
		for (const token of this.tokens.values()) token.expired = true;
	}

	async close() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async readBody(req: IncomingMessage): Promise<Buffer> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks);
	}

	private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
		if (res.headersSent || res.destroyed) return;
		// Buffers are sent as they are (file answers such as text to speech).
		const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
		const type = Buffer.isBuffer(body) ? 'application/octet-stream' : typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json';
		res.writeHead(status, { 'Content-Type': type, ...headers });
		res.end(text);
	}

	private envelope(res: ServerResponse, status: number, body: Record<string, unknown>) {
		const id = newLogId();
		this.send(res, status, { ...body, detail: { logid: id } }, { 'X-Tt-Logid': id });
	}

	private authenticate(header: string | undefined): { valid: boolean; expired?: boolean; kind?: 'pat' | 'oauth' | 'jwt'; sessionName?: string } {
		const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
		if (!token) return { valid: false };
		if (this.patTokens.includes(token)) return { valid: true, kind: 'pat' };
		const issued = this.tokens.get(token);
		if (!issued) return { valid: false };
		if (issued.expired || issued.expiresAt <= Date.now() / 1000) return { valid: false, expired: true };
		return { valid: true, kind: issued.kind, sessionName: issued.sessionName };
	}

	private async handle(req: IncomingMessage, res: ServerResponse) {
		try {
			await this.dispatch(req, res);
		} catch (error) {
			this.envelope(res, 500, { code: 5000, msg: `simulator error: ${(error as Error).message}` });
		}
	}

	private async dispatch(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const path = url.pathname;
		const query: Record<string, string> = {};
		url.searchParams.forEach((value, key) => (query[key] = value));
		const headers: Record<string, string> = {};
		for (const [key, value] of Object.entries(req.headers))
			headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value ?? '');
		const contentType = headers['content-type'] ?? '';
		const multipart = contentType.includes('multipart/form-data');
		const raw = multipart ? Buffer.alloc(0) : await this.readBody(req);
		let body: unknown;
		if (multipart) {
			body = await parseMultipartStream(req, contentType);
		} else if (raw.length > 0) {
			const text = raw.toString('utf8');
			if (contentType.includes('application/x-www-form-urlencoded')) {
				body = Object.fromEntries(new URLSearchParams(text));
			} else {
				try {
					body = JSON.parse(text);
				} catch {
					body = text;
				}
			}
		}
		const auth = this.authenticate(headers.authorization);
		if (headers.authorization) {
			headers.authorization = `${headers.authorization.split(/\s+/)[0]} [redacted:${auth.valid ? 'valid' : 'invalid'}]`;
		}
		if (path.startsWith('/__sim/')) {
			// Control endpoints for tests and benchmarks running the simulator in another process (not Coze API).
			const control = this.controls.get(path);
			if (control) this.send(res, 200, control());
			else this.send(res, 404, { error: 'no such control endpoint' });
			return;
		}
		const isOAuth = path.startsWith('/api/permission/oauth2/');
		const record: RecordedRequest = {
			method,
			path,
			query,
			headers,
			body: isOAuth ? redactOAuthBody(body) : body,
			contractErrors: [],
			at: Date.now(),
		};
		if (!isOAuth && this.config.validateContract !== false) {
			record.contractErrors = validateRequest({ method, path, query, body, contentType });
			// Studio: routes it lacks are answered 404 whatever was sent; its own routes are checked where it agrees.
			if (this.profile === 'studio') record.contractErrors = studioContractErrors(method, path, record.contractErrors);
		}
		this.requests.push(record);

		let rule = this.faults.find((f) => matchFault(f, method, path));
		if (rule?.skip) {
			rule.skip--;
			rule = undefined;
		}
		let streamFault: Fault | undefined;
		if (rule) {
			rule.times = (rule.times ?? 1) - 1;
			const fault = rule.fault;
			switch (fault.kind) {
				case 'delay':
					await sleep(fault.ms);
					break;
				case 'status':
					this.send(res, fault.status, fault.body ?? '', fault.headers);
					return;
				case 'envelope':
					this.envelope(res, fault.httpStatus ?? 200, { code: fault.code, msg: fault.msg });
					return;
				case 'rateLimit':
					this.envelope(res, 429, { code: 4013, msg: 'The requests exceed the limit, please try again later' });
					return;
				case 'html':
					this.send(res, 502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>');
					return;
				default:
					streamFault = fault;
			}
		}

		if (this.profile === 'studio') {
			// Studio's router matches the route first (NoRoute answers without auth), then OpenapiAuthMW checks the key.
			if (!studioHasRoute(method, path)) {
				const answer = studioNoRoute(path);
				this.send(res, answer.status, answer.body, { 'Content-Type': answer.contentType });
				return;
			}
			if (!auth.valid) {
				this.send(res, 200, STUDIO_AUTH_FAILURE);
				return;
			}
		}
		if (isOAuth) {
			await this.oauth(method, path, query, headers, body, req, res);
			return;
		}
		if (!auth.valid) {
			if (auth.expired) this.envelope(res, 401, { code: 4100, msg: 'access token expired' });
			else this.envelope(res, this.config.authFailureHttpStatus ?? 200, { code: 4100, msg: 'authentication is invalid' });
			return;
		}
		const route = this.routes.find((r) => r.method === method && r.regex.test(path));
		if (!route) {
			this.envelope(res, 404, { code: 4200, msg: `no such endpoint: ${method} ${path}` });
			return;
		}
		const match = route.regex.exec(path) as RegExpExecArray;
		const params: Record<string, string> = {};
		route.params.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
		await route.handler(this.context(record, params, auth, req, res, streamFault));
	}

	private context(
		record: RecordedRequest,
		params: Record<string, string>,
		auth: { kind?: 'pat' | 'oauth' | 'jwt'; sessionName?: string },
		req: IncomingMessage,
		res: ServerResponse,
		streamFault: Fault | undefined,
	): RouteContext {
		let aborted = false;
		res.on('close', () => (aborted = true));
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- the route handlers below need the simulator itself
		const sim = this;
		return {
			req: record,
			params,
			sim,
			auth: { kind: auth.kind ?? 'pat', sessionName: auth.sessionName },
			get aborted() {
				return aborted || res.destroyed;
			},
			json: (data, extra = {}) => this.envelope(res, 200, { code: 0, msg: '', data, ...extra }),
			raw: (status, body, headers) => this.send(res, status, body, headers),
			error: (code, msg, httpStatus = 200) => this.envelope(res, httpStatus, { code, msg }),
			sse: () => this.sseWriter(res, streamFault),
		};
	}

	private sseWriter(res: ServerResponse, fault: Fault | undefined): SseWriter {
		const id = newLogId();
		res.writeHead(200, {
			'Content-Type': 'text/event-stream; charset=utf-8',
			'Cache-Control': 'no-cache',
			Connection: 'keep-alive',
			'X-Tt-Logid': id,
		});
		res.flushHeaders();
		let written = 0;
		let closed = false;
		res.on('close', () => (closed = true));
		const pacing = this.options.ssePacingMs;
		const write = (text: string) => {
			if (!closed && !res.destroyed) res.write(text);
		};
		return {
			get closed() {
				return closed || res.destroyed;
			},
			async event(name, data, opts = {}) {
				if (closed) return;
				if (fault && written === (fault as { afterEvents?: number }).afterEvents) {
					if (fault.kind === 'resetMidStream') {
						closed = true;
						res.socket?.destroy();
						return;
					}
					if (fault.kind === 'idleStream') {
						await sleep(fault.idleMs);
					}
					if (fault.kind === 'keepAlive') {
						const until = Date.now() + fault.forMs;
						while (!closed && !res.destroyed && Date.now() < until) {
							write(fault.ping ? `id: ${written++}\nevent: PING\ndata: {}\n\n` : ': keep-alive\n\n');
							await sleep(fault.intervalMs);
						}
						closed = true;
						res.end();
						return;
					}
					if (fault.kind === 'rawErrorEvent') {
						write(`event: error\ndata: ${fault.text ?? 'internal server error: workflow execution failed'}\n\n`);
						closed = true;
						res.end();
						return;
					}
					if (fault.kind === 'malformedEvent') {
						write(`event:${name}\ndata:{not json\n\n`);
						written++;
						return;
					}
				}
				const payload = typeof data === 'string' ? data : JSON.stringify(data);
				if (opts.style === 'workflow') {
					write(`id: ${opts.id ?? written}\nevent: ${name}\ndata: ${payload}\n\n`);
				} else {
					write(`${opts.id !== undefined ? `id:${opts.id}\n` : ''}event:${name}\ndata:${payload}\n\n`);
				}
				written++;
				if (pacing > 0) await sleep(pacing);
			},
			async comment(text) {
				write(`: ${text}\n\n`);
			},
			end() {
				if (!closed) res.end();
				closed = true;
			},
		};
	}

	/** OAuth endpoints: no envelope, bare JSON (api-contract §10). */
	private async oauth(
		method: string,
		path: string,
		query: Record<string, string>,
		headers: Record<string, string>,
		body: unknown,
		req: IncomingMessage,
		res: ServerResponse,
	) {
		const oauthError = (status: number, code: string, message: string) =>
			this.send(res, status, { error_code: code, error_message: message, error: code }, { 'X-Tt-Logid': newLogId() });
		if (method === 'GET' && path === '/api/permission/oauth2/authorize') {
			if (query.client_id !== this.oauthClient.clientId) return oauthError(400, 'invalid_client', 'unknown client_id');
			if (query.response_type !== 'code') return oauthError(400, 'unsupported_response_type', 'response_type must be code');
			if (!query.redirect_uri) return oauthError(400, 'invalid_request', 'redirect_uri is required');
			if (query.code_challenge_method && !['plain', 'S256'].includes(query.code_challenge_method)) {
				return oauthError(400, 'invalid_request', 'code_challenge_method must be plain or S256');
			}
			const code = `code_${randomBytes(12).toString('hex')}`;
			this.codes.set(code, {
				redirectUri: query.redirect_uri,
				challenge: query.code_challenge,
				method: query.code_challenge_method ?? (query.code_challenge ? 'plain' : undefined),
			});
			const target = new URL(query.redirect_uri);
			target.searchParams.set('code', code);
			if (query.state) target.searchParams.set('state', query.state);
			res.writeHead(302, { Location: target.toString() });
			res.end();
			return;
		}
		if (method !== 'POST' || path !== '/api/permission/oauth2/token') return oauthError(404, 'not_found', 'no such OAuth endpoint');
		const form = (body ?? {}) as Record<string, unknown>;
		const rawAuthorization = req.headers.authorization ?? '';
		const grantType = String(form.grant_type ?? '');
		if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
			// docs/oauth_jwt.md: JSON body, the signed JWT as Bearer.
			if (this.oauthMode === 'strict' && !/application\/json/i.test(headers['content-type'] ?? '')) {
				return oauthError(400, 'invalid_request', 'invalid request: Content-Type must be application/json');
			}
			const jwt = /^Bearer\s+(.+)$/i.exec(rawAuthorization)?.[1] ?? '';
			const check = verifyCozeJwt(jwt, {
				publicKeyPem: this.jwtKeys.publicKeyPem,
				publicKeyId: this.jwtKeys.publicKeyId,
				appId: this.jwtKeys.appId,
				audiences: [`127.0.0.1:${this.port}`, '127.0.0.1', `localhost:${this.port}`, 'localhost'],
				usedJtis: this.usedJtis,
			});
			if (!check.ok) return oauthError(401, 'invalid_grant', check.error ?? 'invalid JWT');
			const duration = form.duration_seconds === undefined ? 900 : Number(form.duration_seconds);
			if (!Number.isInteger(duration) || duration <= 0 || duration > 86399) {
				return oauthError(400, 'invalid_request', 'duration_seconds must be an integer between 1 and 86399');
			}
			const issued = this.issueAccessToken({ kind: 'jwt', ttlSeconds: duration, sessionName: check.claims?.session_name as string | undefined });
			return this.send(res, 200, { access_token: issued.accessToken, expires_in: issued.expiresIn, token_type: 'Bearer' });
		}
		/*
		 * Client authentication and body shape. Strict (default): docs/oauth_code.md and oauth_pkce.md (and every official
		 * SDK: coze-js src/auth.ts getWebOAuthToken / getPKCEOAuthToken / refreshOAuthToken, coze-py cozepy/auth, coze-go
		 * auth.go) send `Content-Type: application/json`, client_id in the body and the web app's secret as
		 * `Authorization: Bearer <client_secret>`; PKCE sends code_verifier and no secret (coze-js sends `Bearer ` empty).
		 * No source says Coze accepts a form body, `Basic` or a body client_secret (Coze Studio has no OAuth server), so
		 * strict mode refuses them with the documented error codes (oauth_code.md: invalid_request / invalid_client).
		 * Lenient: also RFC 6749 form bodies, Basic auth and client_secret in the body (what n8n's oAuth2Api sends).
		 */
		const strict = this.oauthMode === 'strict';
		const isJson = /application\/json/i.test(headers['content-type'] ?? '');
		if (strict && !isJson) return oauthError(400, 'invalid_request', 'invalid request: Content-Type must be application/json');
		let clientId = String(form.client_id ?? '');
		let secret: string | undefined;
		const basic = /^Basic\s+(.+)$/i.exec(rawAuthorization)?.[1];
		if (basic) {
			if (strict) return oauthError(401, 'invalid_client', 'invalid client: use Authorization: Bearer <client_secret>');
			const [id, pass] = Buffer.from(basic, 'base64').toString('utf8').split(':');
			clientId = clientId || decodeURIComponent(id);
			secret = decodeURIComponent(pass ?? '');
		}
		if (form.client_secret !== undefined && form.client_secret !== '') {
			if (strict) return oauthError(400, 'invalid_request', 'invalid request: client_secret');
			secret = String(form.client_secret);
		}
		const bearer = /^Bearer\s+(.+)$/i.exec(rawAuthorization)?.[1]?.trim();
		if (bearer) secret = bearer;
		if (!clientId) return oauthError(400, 'invalid_request', 'invalid request: client_id');
		if (clientId !== this.oauthClient.clientId) return oauthError(401, 'invalid_client', 'unknown client_id');
		if (secret !== undefined && secret !== '' && secret !== this.oauthClient.clientSecret)
			return oauthError(401, 'invalid_client', 'wrong client secret');
		if (grantType === 'authorization_code') {
			const code = this.codes.get(String(form.code ?? ''));
			if (!code) return oauthError(400, 'invalid_grant', 'unknown or used code');
			this.codes.delete(String(form.code));
			if (code.redirectUri !== form.redirect_uri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match');
			if (code.challenge) {
				const verifier = String(form.code_verifier ?? '');
				const computed = code.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
				if (computed !== code.challenge) return oauthError(400, 'invalid_grant', 'code_verifier does not match');
			} else if (!secret) {
				return oauthError(401, 'invalid_client', 'client secret required');
			}
			const issued = this.issueAccessToken({ kind: 'oauth', grant: code.challenge ? 'pkce' : 'web' });
			return this.send(res, 200, {
				access_token: issued.accessToken,
				refresh_token: issued.refreshToken,
				expires_in: issued.expiresIn,
				token_type: 'Bearer',
			});
		}
		if (grantType === 'refresh_token') {
			const old = this.refreshTokens.get(String(form.refresh_token ?? ''));
			if (!old) return oauthError(400, 'invalid_grant', 'unknown refresh token');
			// A web app refreshes with its secret (oauth_code.md); a PKCE app without (oauth_pkce.md).
			if (old.grant === 'web' && !secret) return oauthError(401, 'invalid_client', 'client secret required');
			this.refreshTokens.delete(String(form.refresh_token));
			this.expireAccessToken(old.accessToken);
			const issued = this.issueAccessToken({ kind: 'oauth', grant: old.grant });
			return this.send(res, 200, {
				access_token: issued.accessToken,
				refresh_token: issued.refreshToken,
				expires_in: issued.expiresIn,
				token_type: 'Bearer',
			});
		}
		return oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
	}
}

function redactOAuthBody(body: unknown): unknown {
	if (!body || typeof body !== 'object') return body;
	const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
	for (const key of ['client_secret', 'refresh_token', 'code', 'code_verifier']) if (key in copy) copy[key] = '[redacted]';
	return copy;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const sim = new CozeSimulator(options);
	await sim.listen(options.port ?? 0);
	return sim;
}
