import { createHash, randomBytes } from 'crypto';

import type { Simulator } from '../index';
import { cozeId, logId } from '../ids';

/**
 * Callback apps and event subscriptions (docs create/update/list/delete_callback_app.md,
 * subscribe/unsubscribe/list_subscribed_callback_message.md; spec CreateApiAppOpen, UpdateApiAppOpen, ...), and a
 * sender that pushes events to an app's callback URL signed as Coze's guide on receiving callbacks says
 * (docs.coze.cn/dev_how_to_guides/receive_handle_callbacks, 步骤一：校验回调消息签名): SHA-1 over the UTF-8 bytes of
 * X-Coze-Timestamp + X-Coze-Nonce + verify token + raw body, hex. See SOURCES.md "Callback apps" for what is sourced
 * and what is this simulator's choice.
 */

/** subscribe_callback_message.md, event_types: the event types Coze documents. */
export const CALLBACK_EVENT_TYPES = [
	'bot.published',
	'bot.deleted',
	'bot.unpublished',
	'benefit.usage',
	'benefit.plugin.scale.requested',
	'benefit.plugin.scale.expired',
] as const;

/** Descriptions list_subscribed_callback_message.md answers with (its example: bot.deleted → 智能体已被所有者删除). */
const EVENT_DESCRIPTIONS: Record<string, string> = {
	'bot.published': '智能体发布',
	'bot.deleted': '智能体已被所有者删除',
	'bot.unpublished': '智能体下架',
	'benefit.usage': '账单推送回调',
	'benefit.plugin.scale.requested': '申请插件扩容',
	'benefit.plugin.scale.expired': '插件扩容到期',
};

/** update_callback_app.md, callback_url: the challenge must be echoed within 3 s. */
export const CHALLENGE_TIMEOUT_MS = 3000;

export interface CallbackApp {
	id: string;
	name: string;
	app_type: 'normal' | 'connector';
	connector_id?: string;
	callback_url?: string;
	verify_token: string;
	events: Set<string>;
}

export interface CallbackState {
	apps: Map<string, CallbackApp>;
	/** Challenges sent to callback URLs, with what came back. */
	challenges: Array<{ url: string; challenge: string; status?: number; echoed?: unknown; ok: boolean; ms: number }>;
	/** Every push the sender made, with the answer. */
	deliveries: Array<{ appId: string; eventId: string; eventType: string; status: number; body: string; attempt: number }>;
}

export const callbacksOf = (sim: Simulator) => sim.state<CallbackState>('callbacks', () => ({ apps: new Map(), challenges: [], deliveries: [] }));

function appJson(app: CallbackApp) {
	return {
		id: app.id,
		name: app.name,
		app_type: app.app_type,
		...(app.callback_url ? { callback_url: app.callback_url } : {}),
		...(app.connector_id ? { connector_id: app.connector_id } : {}),
		verify_token: app.verify_token,
	};
}

/** Paging of both list endpoints: page_token (opaque; here the offset) and page_size 1–50, default 50. */
function page<T>(list: T[], query: Record<string, string>): { items: T[]; has_more: boolean; next_page_token?: string } | string {
	const size = query.page_size === undefined ? 50 : Number(query.page_size);
	if (!Number.isInteger(size) || size < 1 || size > 50) return 'page_size must be between 1 and 50';
	const start = query.page_token ? Number(query.page_token) : 0;
	if (!Number.isInteger(start) || start < 0) return 'invalid page_token';
	const items = list.slice(start, start + size);
	const more = start + size < list.length;
	return { items, has_more: more, ...(more ? { next_page_token: String(start + size) } : {}) };
}

/**
 * Sends the challenge POST to a new callback URL and checks the echo (update_callback_app.md: a POST containing
 * `challenge`, the server returns the value as it is within 3 s). The JSON shape `{"challenge": "..."}` both ways is
 * this simulator's reading: the docs say "包含 challenge 的 POST" and "原样返回 challenge 值" and show no example.
 */
async function verifyCallbackUrl(sim: Simulator, url: string): Promise<string | undefined> {
	const state = callbacksOf(sim);
	const challenge = randomBytes(16).toString('hex');
	const started = Date.now();
	const record: CallbackState['challenges'][number] = { url, challenge, ok: false, ms: 0 };
	state.challenges.push(record);
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ challenge }),
			signal: AbortSignal.timeout(CHALLENGE_TIMEOUT_MS),
		});
		record.status = response.status;
		const text = await response.text();
		try {
			record.echoed = (JSON.parse(text) as { challenge?: unknown }).challenge;
		} catch {
			record.echoed = text;
		}
	} catch (error) {
		record.ms = Date.now() - started;
		return `callback url verification failed: ${(error as Error).name === 'TimeoutError' ? 'no answer within 3 s' : (error as Error).message}`;
	}
	record.ms = Date.now() - started;
	if (record.status !== 200 || record.echoed !== challenge) return `callback url verification failed: challenge not echoed (HTTP ${record.status})`;
	record.ok = true;
	return undefined;
}

function eventTypesOf(body: unknown): string[] | string {
	const types = (body as { event_types?: unknown })?.event_types;
	if (!Array.isArray(types) || types.length === 0) return 'event_types is required';
	for (const type of types) if (!CALLBACK_EVENT_TYPES.includes(type as never)) return `unsupported event type ${String(type)}`;
	return types as string[];
}

export function registerCallbackRoutes(sim: Simulator) {
	sim.route('POST', '/v1/api_apps', (ctx) => {
		const state = callbacksOf(sim);
		const body = (ctx.req.body ?? {}) as { app_type?: string; name?: string; connector_id?: string };
		if (body.app_type !== 'normal' && body.app_type !== 'connector') return ctx.error(4000, 'app_type must be normal or connector');
		if (body.app_type === 'normal' && !body.name) return ctx.error(4000, 'name is required for a normal callback app');
		if ((body.name ?? '').length > 128) return ctx.error(4000, 'name is longer than 128 characters');
		if (body.app_type === 'connector' && !body.connector_id) return ctx.error(4000, 'connector_id is required for a connector callback app');
		const app: CallbackApp = {
			id: cozeId(),
			name: body.name ?? `connector ${body.connector_id}`,
			app_type: body.app_type,
			...(body.connector_id ? { connector_id: body.connector_id } : {}),
			// create_callback_app.md: Coze generates the token (the example's is 64 characters).
			verify_token: randomBytes(48).toString('base64url').slice(0, 64),
			events: new Set(),
		};
		state.apps.set(app.id, app);
		ctx.json(appJson(app));
	});

	sim.route('GET', '/v1/api_apps', (ctx) => {
		const type = ctx.req.query.app_type;
		const list = [...callbacksOf(sim).apps.values()].filter((app) => !type || app.app_type === type).map(appJson);
		const answer = page(list, ctx.req.query);
		if (typeof answer === 'string') return ctx.error(4000, answer);
		ctx.json(answer);
	});

	sim.route('PUT', '/v1/api_apps/{api_app_id}', async (ctx) => {
		const app = callbacksOf(sim).apps.get(ctx.params.api_app_id);
		if (!app) return ctx.error(4200, `callback app ${ctx.params.api_app_id} not found`);
		const body = (ctx.req.body ?? {}) as { name?: string; callback_url?: string };
		if (body.callback_url !== undefined && body.callback_url !== app.callback_url) {
			if (!/^https?:\/\//.test(body.callback_url)) return ctx.error(4000, 'callback_url must be an http(s) URL');
			const failure = await verifyCallbackUrl(sim, body.callback_url);
			if (failure) return ctx.error(4000, failure);
			app.callback_url = body.callback_url;
		}
		if (body.name) app.name = body.name;
		ctx.raw(200, { code: 0, msg: '', detail: { logid: logId() } });
	});

	sim.route('DELETE', '/v1/api_apps/{api_app_id}', (ctx) => {
		const state = callbacksOf(sim);
		if (!state.apps.delete(ctx.params.api_app_id)) return ctx.error(4200, `callback app ${ctx.params.api_app_id} not found`);
		ctx.raw(200, { code: 0, msg: '', detail: { logid: logId() } });
	});

	sim.route('POST', '/v1/api_apps/{api_app_id}/events', (ctx) => {
		const app = callbacksOf(sim).apps.get(ctx.params.api_app_id);
		if (!app) return ctx.error(4200, `callback app ${ctx.params.api_app_id} not found`);
		const types = eventTypesOf(ctx.req.body);
		if (typeof types === 'string') return ctx.error(4000, types);
		for (const type of types) app.events.add(type);
		ctx.raw(200, { code: 0, msg: '', detail: { logid: logId() } });
	});

	sim.route('DELETE', '/v1/api_apps/{api_app_id}/events', (ctx) => {
		const app = callbacksOf(sim).apps.get(ctx.params.api_app_id);
		if (!app) return ctx.error(4200, `callback app ${ctx.params.api_app_id} not found`);
		const types = eventTypesOf(ctx.req.body);
		if (typeof types === 'string') return ctx.error(4000, types);
		for (const type of types) app.events.delete(type);
		ctx.raw(200, { code: 0, msg: '', detail: { logid: logId() } });
	});

	sim.route('GET', '/v1/api_apps/{api_app_id}/events', (ctx) => {
		const app = callbacksOf(sim).apps.get(ctx.params.api_app_id);
		if (!app) return ctx.error(4200, `callback app ${ctx.params.api_app_id} not found`);
		const list = [...app.events].map((type) => ({
			name: app.name,
			api_app_id: app.id,
			event_type: type,
			description: EVENT_DESCRIPTIONS[type] ?? type,
		}));
		const answer = page(list, ctx.req.query);
		if (typeof answer === 'string') return ctx.error(4000, answer);
		ctx.json(answer);
	});
}

/** The guide's signature: hex SHA-1 of the UTF-8 bytes of timestamp + nonce + token + body, in that order. */
export function cozeCallbackSignature(timestamp: string, nonce: string, token: string, body: string | Buffer): string {
	return createHash('sha1')
		.update(Buffer.concat([Buffer.from(`${timestamp}${nonce}${token}`, 'utf8'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')]))
		.digest('hex');
}

export interface PushOptions {
	/** The event's own fields (body.event). */
	event?: Record<string, unknown>;
	/** header.event_id; a new one by default. Coze's docs show no event ID: see SOURCES.md. */
	eventId?: string;
	/** Send no event_id at all. */
	noEventId?: boolean;
	/** Sign with this token instead of the app's (a wrong signature). */
	token?: string;
	/** Send no X-Coze-Signature header. */
	unsigned?: boolean;
	/** Seconds added to the timestamp (negative: stale, positive: from the future). */
	skewSeconds?: number;
	/** Timestamp and nonce to use (a replay sends the same ones again). */
	timestamp?: string;
	nonce?: string;
	/** A body of this many bytes (padding in event.padding). */
	padToBytes?: number;
	/** Deliver to this URL instead of the app's callback URL. */
	url?: string;
}

export interface PushResult {
	status: number;
	body: string;
	timestamp: string;
	nonce: string;
	eventId: string;
	raw: string;
	signature?: string;
}

/**
 * Pushes one event to an app's callback URL the way the guide describes: POST, JSON body
 * `{ "header": { "event_id", "event_type", "create_time" }, "event": { ... } }`, headers X-Coze-Timestamp (seconds),
 * X-Coze-Nonce, X-Coze-Signature. The body shape follows Coze's own bot-publish callback demo (header.event_type,
 * event.bot_id / bot_name); event_id and create_time in the header are this simulator's assumption (SOURCES.md).
 */
export async function pushEvent(sim: Simulator, appId: string, eventType: string, options: PushOptions = {}): Promise<PushResult> {
	const state = callbacksOf(sim);
	const app = state.apps.get(appId);
	if (!app) throw new Error(`no callback app ${appId}`);
	const url = options.url ?? app.callback_url;
	if (!url) throw new Error(`callback app ${appId} has no callback URL`);
	const eventId = options.eventId ?? `evt_${randomBytes(10).toString('hex')}`;
	const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000) + (options.skewSeconds ?? 0));
	const nonce = options.nonce ?? randomBytes(8).toString('hex');
	const body: Record<string, unknown> = {
		header: { ...(options.noEventId ? {} : { event_id: eventId }), event_type: eventType, create_time: Number(timestamp) },
		event: { ...options.event },
	};
	let raw = JSON.stringify(body);
	if (options.padToBytes && raw.length < options.padToBytes) {
		(body.event as Record<string, unknown>).padding = 'x'.repeat(options.padToBytes - raw.length - 14);
		raw = JSON.stringify(body);
	}
	const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Coze-Timestamp': timestamp, 'X-Coze-Nonce': nonce };
	let signature: string | undefined;
	if (!options.unsigned) {
		signature = cozeCallbackSignature(timestamp, nonce, options.token ?? app.verify_token, raw);
		headers['X-Coze-Signature'] = signature;
	}
	const response = await fetch(url, { method: 'POST', headers, body: raw });
	const text = await response.text();
	state.deliveries.push({ appId, eventId, eventType, status: response.status, body: text, attempt: 1 });
	return { status: response.status, body: text, timestamp, nonce, eventId, raw, signature };
}

/**
 * Delivers an event until the receiver answers 200, at most `attempts` times, each attempt a fresh timestamp, nonce
 * and signature with the same event ID. Coze's retry schedule is not documented (SOURCES.md); the simulator retries
 * at once. `lostAnswers` sends every attempt whatever the answer (the answers were lost on the way back to Coze).
 */
export async function deliverWithRetries(
	sim: Simulator,
	appId: string,
	eventType: string,
	attempts: number,
	options: PushOptions & { lostAnswers?: boolean } = {},
): Promise<PushResult[]> {
	const eventId = options.eventId ?? `evt_${randomBytes(10).toString('hex')}`;
	const results: PushResult[] = [];
	for (let attempt = 1; attempt <= attempts; attempt++) {
		const result = await pushEvent(sim, appId, eventType, { ...options, eventId });
		const last = callbacksOf(sim).deliveries.at(-1);
		if (last) last.attempt = attempt;
		results.push(result);
		if (result.status === 200 && !options.lostAnswers) break;
	}
	return results;
}
