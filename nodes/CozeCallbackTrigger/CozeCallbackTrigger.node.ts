import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { authenticationProperty, collectionField, cozeTrigger } from '../shared/descriptions';
import { asNodeError } from '../shared/errors';
import { nodeParameter } from '../shared/params';
import { isCozeStudio } from '../shared/studio';
import { cozeApiRequest, cozePaginate, cursorStyle } from '../shared/transport';
import { ExpiringSet, callbackSignature, signatureMatches, timestampMs } from './verify';

/** subscribe_callback_message.md, event_types: every event type Coze documents. */
const EVENT_TYPES = [
	{ name: 'Agent Published (bot.published)', value: 'bot.published' },
	{ name: 'Agent Unpublished (bot.unpublished)', value: 'bot.unpublished' },
	{ name: 'Agent Deleted (bot.deleted)', value: 'bot.deleted' },
	{ name: 'Billing Usage (benefit.usage)', value: 'benefit.usage' },
	{ name: 'Plugin Scale-Up Requested (benefit.plugin.scale.requested)', value: 'benefit.plugin.scale.requested' },
	{ name: 'Plugin Scale-Up Expired (benefit.plugin.scale.expired)', value: 'benefit.plugin.scale.expired' },
];

/** Default accepted distance between X-Coze-Timestamp and n8n's clock, either way (Options → Timestamp Tolerance). */
export const DEFAULT_TOLERANCE_SECONDS = 300;
/** Default largest accepted body (Options → Max Body Size). Coze's events are small JSON documents. */
export const DEFAULT_MAX_BODY_KB = 256;
/** How long a delivered event ID is remembered to recognise Coze's retries of it. */
export const EVENT_ID_MEMORY_MS = 24 * 60 * 60 * 1000;

/** Nonces of accepted deliveries until their timestamp leaves the window; event IDs for a day. Per n8n process. */
const seenNonces = new ExpiringSet(20_000);
const seenEvents = new ExpiringSet(20_000);

/** What the trigger keeps in the node's static data (n8n's database) between activation, pushes and restarts. */
interface CallbackState {
	appId?: string;
	/** The app's verify token (Coze generates it; it signs every push). Never put in items, errors or logs. */
	verifyToken?: string;
	/** The events this node subscribed. */
	events?: string[];
	/** The callback URL the app points at. */
	callbackUrl?: string;
}

interface ApiApp {
	id: string;
	name?: string;
	callback_url?: string;
	verify_token?: string;
}

/** list_callback_app.md / list_subscribed_callback_message.md: page_token paging, page_size 1–50. */
const tokenPages = cursorStyle({
	itemsPath: 'data.items',
	cursorParam: 'page_token',
	cursorPath: 'data.next_page_token',
	sizeParam: 'page_size',
	hasMorePath: 'data.has_more',
});

async function listApps(ctx: IHookFunctions): Promise<ApiApp[]> {
	return (await cozePaginate.call(ctx, { method: 'GET', path: '/v1/api_apps', qs: { app_type: 'normal' } }, tokenPages, {
		maxPageSize: 50,
	})) as unknown as ApiApp[];
}

async function subscribedEvents(ctx: IHookFunctions, appId: string): Promise<string[]> {
	const items = await cozePaginate.call(ctx, { method: 'GET', path: `/v1/api_apps/${appId}/events` }, tokenPages, { maxPageSize: 50 });
	return items.map((item) => String(item.event_type));
}

/** Subscribes (POST) or unsubscribes (DELETE) events of a callback app; nothing when there are none. */
async function changeEvents(ctx: IHookFunctions, appId: string, method: 'POST' | 'DELETE', events: string[]): Promise<void> {
	if (events.length === 0) return;
	await cozeApiRequest.call(ctx, { method, path: `/v1/api_apps/${appId}/events`, body: { event_types: events }, idempotent: true });
}

/**
 * The node's state for its mode: the production webhook (activation, mode 'trigger' / 'webhook') and the editor's test
 * webhook ("Listen for test event", mode 'manual') each have their own app, so testing a live workflow never touches
 * the production app.
 */
function stateOf(ctx: IHookFunctions | IWebhookFunctions): CallbackState {
	const data = ctx.getWorkflowStaticData('node');
	const key = ctx.getMode() === 'manual' ? 'test' : 'production';
	if (!data[key] || typeof data[key] !== 'object') data[key] = {};
	return data[key] as CallbackState;
}

function selectedEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	const events = nodeParameter(ctx, 'events', []) as string[];
	return [...new Set(events)];
}

function webhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n has no webhook URL for this node');
	return url;
}

function cozeCodeOf(error: unknown): number | undefined {
	const code = Number(((error as { errorResponse?: JsonObject })?.errorResponse as JsonObject | undefined)?.code);
	return Number.isFinite(code) ? code : undefined;
}

/** Writes the HTTP answer itself (so n8n adds nothing) and tells n8n whether to start an execution. */
function answer(ctx: IWebhookFunctions, status: number, body: IDataObject, workflowData?: INodeExecutionData[][]): IWebhookResponseData {
	const res = ctx.getResponseObject();
	if (!res.headersSent) {
		res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
		res.end(JSON.stringify(body));
	}
	return workflowData ? { noWebhookResponse: true, workflowData } : { noWebhookResponse: true };
}

function headerOf(headers: IDataObject, name: string): string {
	const value = headers[name];
	return (Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '')).trim();
}

async function rawBodyOf(ctx: IWebhookFunctions): Promise<Buffer | undefined> {
	const req = ctx.getRequestObject();
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') await req.readRawBody();
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
}

/** Coze Studio's API has no callback apps (no /v1/api_apps in its router): say so before any request. */
async function refuseOnStudio(ctx: IHookFunctions): Promise<void> {
	if (await isCozeStudio(ctx)) {
		throw new NodeOperationError(ctx.getNode(), 'Coze Callback Trigger is not available on Coze Studio', {
			description: 'Coze Studio has no callback apps or event subscriptions in its API. Use this trigger with coze.cn or coze.com.',
		});
	}
}

export class CozeCallbackTrigger implements INodeType {
	description: INodeTypeDescription = {
		...cozeTrigger(
			'Coze Callback Trigger',
			'cozeCallbackTrigger',
			'Starts the workflow when Coze pushes an event (agent published, billing usage…), signed and verified',
		),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle: '={{ $parameter["events"].join(", ") }}',
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			authenticationProperty,
			{
				displayName:
					'On activation this node creates a Coze callback app for this workflow, points it at the production webhook URL (Coze checks the URL with a challenge, which the node answers) and subscribes the events. Deactivation unsubscribes and deletes the app. n8n must be reachable from Coze (set WEBHOOK_URL, on n8n 2.x N8N_WEBHOOK_URL, to a public https address).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENT_TYPES,
				default: ['bot.published'],
				description: 'The Coze events that start the workflow (one execution per event)',
			},
			collectionField('options', [
				{
					displayName: 'App Name',
					name: 'appName',
					type: 'string',
					default: '',
					placeholder: 'n8n: My workflow',
					description: 'Name of the callback app created in Coze (at most 128 characters). Default: "n8n: " and the workflow name.',
				},
				{
					displayName: 'Max Body Size (KB)',
					name: 'maxBodyKb',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 16384 },
					default: DEFAULT_MAX_BODY_KB,
					description: 'Larger pushes are refused with HTTP 413 before anything runs',
				},
				{
					displayName: 'Timestamp Tolerance (Seconds)',
					name: 'toleranceSeconds',
					type: 'number',
					typeOptions: { minValue: 30, maxValue: 3600 },
					default: DEFAULT_TOLERANCE_SECONDS,
					description: "Pushes whose X-Coze-Timestamp is further than this from n8n's clock (stale or in the future) are refused with HTTP 401",
				},
			]),
		],
	};

	webhookMethods = {
		default: {
			/** True when the app in static data still exists, points at this webhook URL and has every selected event. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await refuseOnStudio(this);
				const state = stateOf(this);
				if (!state.appId) return false;
				const app = (await listApps(this)).find((candidate) => candidate.id === state.appId);
				if (!app || app.callback_url !== webhookUrl(this)) return false;
				const subscribed = new Set(await subscribedEvents(this, app.id));
				if (!selectedEvents(this).every((event) => subscribed.has(event))) return false;
				// The token cannot change (create_callback_app.md), but static data may have lost it.
				if (app.verify_token) state.verifyToken = app.verify_token;
				return true;
			},

			/**
			 * Makes a callback app point at this webhook and subscribes the selected events. The app is the one in
			 * static data, else one already pointing at this URL (static data lost: no duplicate), else a new one. Setting
			 * the callback URL makes Coze send the challenge to it (answered by webhook() below); Coze fails the update when
			 * the echo is wrong or late, so activation fails and nothing is left behind.
			 */
			async create(this: IHookFunctions): Promise<boolean> {
				await refuseOnStudio(this);
				const state = stateOf(this);
				const url = webhookUrl(this);
				const events = selectedEvents(this);
				if (events.length === 0) throw new NodeOperationError(this.getNode(), 'Choose at least one event');
				const apps = await listApps(this);
				let app = apps.find((candidate) => candidate.id === state.appId) ?? apps.find((candidate) => candidate.callback_url === url);
				let created = false;
				if (!app) {
					const options = nodeParameter(this, 'options', {}) as IDataObject;
					const workflowName = this.getWorkflow().name ?? this.getWorkflow().id ?? '';
					const name = (String(options.appName ?? '').trim() || `n8n: ${workflowName}`).slice(0, 128);
					const response = await cozeApiRequest.call(this, { method: 'POST', path: '/v1/api_apps', body: { app_type: 'normal', name } });
					app = response.data as unknown as ApiApp;
					created = true;
				}
				try {
					if (app.callback_url !== url) {
						await cozeApiRequest.call(this, { method: 'PUT', path: `/v1/api_apps/${app.id}`, body: { callback_url: url }, idempotent: true });
					}
					const subscribed = new Set(await subscribedEvents(this, app.id));
					const missing = events.filter((event) => !subscribed.has(event));
					await changeEvents(this, app.id, 'POST', missing);
					// Events this app carried before that are no longer selected (the node's event list was edited).
					const stale = [...subscribed].filter((event) => !events.includes(event));
					await changeEvents(this, app.id, 'DELETE', stale);
				} catch (error) {
					if (created) {
						await cozeApiRequest.call(this, { method: 'DELETE', path: `/v1/api_apps/${app.id}` }).catch(() => undefined);
					}
					const nodeError = asNodeError(this.getNode(), error);
					if (nodeError instanceof NodeApiError && /callback|challenge/i.test(nodeError.message + (nodeError.description ?? ''))) {
						nodeError.description =
							`${nodeError.description ?? ''} Coze could not verify the webhook URL ${url}: it must be reachable from Coze and answer within 3 s (set WEBHOOK_URL, on n8n 2.x N8N_WEBHOOK_URL, to n8n's public https address).`.trim();
					}
					throw nodeError;
				}
				state.appId = app.id;
				state.verifyToken = app.verify_token;
				state.events = events;
				state.callbackUrl = url;
				return true;
			},

			/** Unsubscribes the events and deletes the app (this node created it for the workflow). Gone already: fine. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = stateOf(this);
				if (!state.appId) return true;
				const appId = state.appId;
				try {
					await changeEvents(this, appId, 'DELETE', state.events ?? []);
					await cozeApiRequest.call(this, { method: 'DELETE', path: `/v1/api_apps/${appId}`, idempotent: true });
				} catch (error) {
					// 4200: the app is gone already (deleted in Coze). Anything else: keep the state to try again next time.
					if (cozeCodeOf(error) !== 4200) return false;
				}
				delete state.appId;
				delete state.verifyToken;
				delete state.events;
				delete state.callbackUrl;
				return true;
			},
		},
	};

	/**
	 * Every request is checked before anything runs; only a verified, new event of a selected type returns
	 * workflowData (one execution). The answer is written here, so a refused request never starts an execution.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		try {
			const options = nodeParameter(this, 'options', {}) as IDataObject;
			const maxBytes = Math.max(1, Number(options.maxBodyKb) || DEFAULT_MAX_BODY_KB) * 1024;
			const toleranceMs = Math.max(30, Number(options.toleranceSeconds) || DEFAULT_TOLERANCE_SECONDS) * 1000;
			const headers = this.getHeaderData() as IDataObject;

			const declared = Number(headerOf(headers, 'content-length'));
			if (Number.isFinite(declared) && declared > maxBytes) return answer(this, 413, { code: 413, msg: 'body too large' });
			const raw = await rawBodyOf(this);
			if (!raw) return answer(this, 400, { code: 400, msg: 'no request body' });
			if (raw.length > maxBytes) return answer(this, 413, { code: 413, msg: 'body too large' });

			let body: IDataObject;
			try {
				body = JSON.parse(raw.toString('utf8')) as IDataObject;
			} catch {
				return answer(this, 400, { code: 400, msg: 'body is not JSON' });
			}
			if (!body || typeof body !== 'object' || Array.isArray(body)) return answer(this, 400, { code: 400, msg: 'body is not a JSON object' });

			// URL check when the callback URL is set (update_callback_app.md): echo `challenge` within 3 s, run nothing.
			if (typeof body.challenge === 'string' && body.header === undefined && body.event === undefined) {
				return answer(this, 200, { challenge: body.challenge });
			}

			const signature = headerOf(headers, 'x-coze-signature');
			const timestamp = headerOf(headers, 'x-coze-timestamp');
			const nonce = headerOf(headers, 'x-coze-nonce');
			if (!signature || !timestamp || !nonce) return answer(this, 401, { code: 401, msg: 'missing signature headers' });
			const state = stateOf(this);
			if (!state.verifyToken || !state.appId) return answer(this, 503, { code: 503, msg: 'trigger is not set up' });
			if (!signatureMatches(callbackSignature(timestamp, nonce, state.verifyToken, raw), signature)) {
				return answer(this, 401, { code: 401, msg: 'invalid signature' });
			}
			const sentAt = timestampMs(timestamp);
			const now = Date.now();
			if (sentAt === undefined || Math.abs(now - sentAt) > toleranceMs)
				return answer(this, 401, { code: 401, msg: 'timestamp outside the accepted window' });

			// A delivery seen before (same nonce within the window): acknowledged, nothing runs again.
			const nonceKey = `${state.appId}:${nonce}`;
			if (seenNonces.has(nonceKey, now)) return answer(this, 200, { code: 0, msg: 'duplicate delivery' });
			seenNonces.add(nonceKey, sentAt + toleranceMs, now);

			const header = (body.header && typeof body.header === 'object' ? body.header : {}) as IDataObject;
			const eventType = String(header.event_type ?? body.event_type ?? '');
			const rawEventId = header.event_id ?? body.event_id;
			const eventId = rawEventId === undefined || rawEventId === null || rawEventId === '' ? null : String(rawEventId);
			// Coze retries an event it thinks was not delivered: the same event ID again is acknowledged, not run.
			if (eventId !== null) {
				const eventKey = `${state.appId}:${eventId}`;
				if (seenEvents.has(eventKey, now)) return answer(this, 200, { code: 0, msg: 'duplicate event' });
				seenEvents.add(eventKey, now + EVENT_ID_MEMORY_MS, now);
			}
			if (!selectedEvents(this).includes(eventType)) return answer(this, 200, { code: 0, msg: 'event not selected' });

			const item: INodeExecutionData = {
				json: {
					event_type: eventType,
					event_id: eventId,
					app_id: String(header.app_id ?? state.appId),
					timestamp,
					nonce,
					data: (body.event ?? body.data ?? {}) as IDataObject,
					header,
				},
			};
			return answer(this, 200, { code: 0, msg: '' }, [[item]]);
		} catch {
			// Never throw: n8n starts an execution for a webhook that throws. The reason is not sent back.
			return answer(this, 500, { code: 500, msg: 'internal error' });
		}
	}
}
