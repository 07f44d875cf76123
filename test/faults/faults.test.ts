import { createServer } from 'http';
import type { IncomingHttpHeaders, Server } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { CozeAudio } from '../../nodes/CozeAudio/CozeAudio.node';
import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { CozeConversation } from '../../nodes/CozeConversation/CozeConversation.node';
import { CozeFile } from '../../nodes/CozeFile/CozeFile.node';
import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import { Harness } from '../harness';
import type { CozeCredentialKind } from '../harness/coze-credentials';
import { addCozeCredential } from '../harness/coze-credentials';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { BOTS, WORKFLOWS } from '../simulator/seed';

/**
 * The fault suite (issue 14): what a misbehaving endpoint, proxy or gateway does to every kind of call, asserted on
 * what the user sees and, for redirects, on what reached the other host. Each case runs the real node inside n8n-core
 * against the simulator; "another host" is a second HTTP server on 127.0.0.1 (another origin: another port).
 */

interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/** Another origin that records everything it receives and answers like a friendly API would (so a leak looks like success). */
async function startForeignHost(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ code: 0, msg: '', data: { id: 'from-the-other-host' }, access_token: 'x', expires_in: 4102444800 }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const KINDS: CozeCredentialKind[] = ['accessToken', 'oAuth2', 'jwt'];

describe('fault suite: redirects, timeouts on their own clock, broken answers', () => {
	let sim: Simulator;
	let foreign: Awaited<ReturnType<typeof startForeignHost>>;
	let harness: Harness;
	let conversationId: string;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1 });
		foreign = await startForeignHost();
	});
	afterAll(async () => {
		await sim.close();
		await foreign.close();
	});
	beforeEach(async () => {
		sim.reset();
		sim.oauthMode = 'strict';
		foreign.received.length = 0;
		harness = new Harness([new CozeChat(), new CozeConversation(), new CozeWorkflow(), new CozeFile(), new CozeAudio()]);
		const created = await run('accessToken', 'cozeConversation', { resource: 'conversation', operation: 'create' });
		conversationId = String(created.items[0].json.id);
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	async function run(kind: CozeCredentialKind, type: string, parameters: INodeParameters, items?: INodeExecutionData[]) {
		const started = Date.now();
		const result = await harness.run(
			{ type, parameters: { authentication: kind, ...parameters }, credentials: addCozeCredential(harness, sim, kind) },
			{ items },
		);
		return { ...result, ms: Date.now() - started };
	}
	const calls = (method: string, path: string) => sim.requests.filter((r) => r.method === method && r.path === path);
	const redirect = (method: string, path: string, status: number, location: string, times = 1) =>
		sim.addFault({ method, path, times, fault: { kind: 'status', status, body: '', headers: { Location: location } } });

	/** Coze Chat → Send Message with a PAT; `bot` and `options` vary per case. */
	const chat = async (options: INodeParameters = {}, bot = BOTS.echo) =>
		await run('accessToken', 'cozeChat', { operation: 'sendMessage', botId: rl(bot), userId: 'u', message: 'hi', options });

	const CALLS = [
		{
			what: 'GET (Conversation Get)',
			method: 'GET',
			path: '/v1/conversation/retrieve',
			status: 302,
			type: 'cozeConversation',
			parameters: (): INodeParameters => ({ resource: 'conversation', operation: 'get', conversationId }),
		},
		{
			what: 'POST (Conversation Create)',
			method: 'POST',
			path: '/v1/conversation/create',
			status: 307,
			type: 'cozeConversation',
			parameters: (): INodeParameters => ({ resource: 'conversation', operation: 'create' }),
		},
		{
			what: 'stream (Chat Send Message)',
			method: 'POST',
			path: '/v3/chat',
			status: 307,
			type: 'cozeChat',
			parameters: (): INodeParameters => ({ operation: 'sendMessage', botId: rl(BOTS.echo), userId: 'u', message: 'hi' }),
		},
	];

	describe('a redirect to another host never carries the credential there', () => {
		describe.each(CALLS)('$what', (call) => {
			it.each(KINDS)('is not followed; the error names the target; the other host receives nothing (%s)', async (kind) => {
				redirect(call.method, call.path, call.status, `${foreign.url}/v1/steal?x=1`);
				const before = calls(call.method, call.path).length;
				const { error, items } = await run(kind, call.type, call.parameters());
				expect(items).toEqual([]);
				expect(error?.message).toContain(
					`answered ${call.method} with HTTP ${call.status} to ${foreign.url}/v1/steal, another address than the credential's ${sim.url}`,
				);
				expect(error?.message).toMatch(/not followed, so the credential was not sent there/);
				expect(String(error?.description)).toMatch(/set it as the credential Base URL/);
				expect(foreign.received).toEqual([]);
				expect(calls(call.method, call.path).length - before).toBe(1);
			});
		});

		it('a streamed upload (Coze File) and a file download (Text to Speech) are not redirected either', async () => {
			redirect('POST', '/v1/files/upload', 307, `${foreign.url}/v1/files/upload`);
			const upload = await run('accessToken', 'cozeFile', { operation: 'upload', binaryPropertyName: 'data' }, [
				{ json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'a.txt' } } },
			]);
			expect(upload.error?.message).toMatch(/answered POST with HTTP 307 to http:\/\/127\.0\.0\.1:\d+\/v1\/files\/upload, another address/);
			redirect('POST', '/v1/audio/speech', 302, `${foreign.url}/v1/audio/speech`);
			const speech = await run('jwt', 'cozeAudio', {
				operation: 'textToSpeech',
				text: 'hi',
				voiceId: rl('7426720361733046281'),
				responseFormat: 'mp3',
			});
			expect(speech.error?.message).toMatch(/answered POST with HTTP 302 to http:\/\/127\.0\.0\.1:\d+\/v1\/audio\/speech, another address/);
			expect(foreign.received).toEqual([]);
		});

		it('the JWT token exchange is not redirected either: a credential problem naming the target, nothing sent there', async () => {
			sim.addFault({
				method: 'POST',
				path: '/api/permission/oauth2/token',
				fault: { kind: 'status', status: 307, body: '', headers: { Location: `${foreign.url}/api/permission/oauth2/token` } },
			});
			const { error } = await run('jwt', 'cozeConversation', { resource: 'conversation', operation: 'get', conversationId });
			expect(error?.message).toMatch(
				/^Coze credential problem: .*answered HTTP 307 \(a redirect to http:\/\/127\.0\.0\.1:\d+\/api\/permission\/oauth2\/token\); not followed/,
			);
			expect(foreign.received).toEqual([]);
		});
	});

	describe('a redirect on the same host', () => {
		it.each(KINDS)('GET 302 is followed with the credential (%s)', async (kind) => {
			redirect('GET', '/v1/conversation/retrieve', 302, `${sim.url}/v1/conversation/retrieve?conversation_id=${conversationId}`);
			const { error, items } = await run(kind, 'cozeConversation', { resource: 'conversation', operation: 'get', conversationId });
			expect(error).toBeUndefined();
			expect(items[0].json.id).toBe(conversationId);
			const both = calls('GET', '/v1/conversation/retrieve');
			expect(both).toHaveLength(2);
			expect(both[1].headers.authorization).toBe('Bearer [redacted:valid]');
		});

		it('POST 307 is followed with the same body; a relative Location works', async () => {
			redirect('POST', '/v1/conversation/create', 307, '/v1/conversation/create');
			const { error, items } = await run('accessToken', 'cozeConversation', {
				resource: 'conversation',
				operation: 'create',
				options: { metaData: '{"ticket": "7"}' },
			});
			expect(error).toBeUndefined();
			expect(items[0].json.meta_data).toEqual({ ticket: '7' });
			const both = calls('POST', '/v1/conversation/create').slice(-2);
			expect(both[1].body).toEqual(both[0].body);
		});

		it('a streamed chat answered 307 on the same host is followed and answers', async () => {
			redirect('POST', '/v3/chat', 307, `${sim.url}/v3/chat`);
			const { error, items } = await run('jwt', 'cozeChat', { operation: 'sendMessage', botId: rl(BOTS.echo), userId: 'u', message: 'hi' });
			expect(error).toBeUndefined();
			expect(items[0].json.answer).toBe('You said: hi');
			expect(calls('POST', '/v3/chat')).toHaveLength(2);
		});

		it('POST 302 is not followed: it would become a GET and lose its body', async () => {
			redirect('POST', '/v1/conversation/create', 302, `${sim.url}/v1/conversation/create`);
			const { error } = await run('accessToken', 'cozeConversation', { resource: 'conversation', operation: 'create' });
			expect(error?.message).toMatch(
				/answered POST with HTTP 302 to http:\/\/127\.0\.0\.1:\d+\/v1\/conversation\/create; not followed: that would turn the POST into a GET/,
			);
		});

		it('a redirect loop stops after 5 hops', async () => {
			redirect('GET', '/v1/conversation/retrieve', 302, `${sim.url}/v1/conversation/retrieve?conversation_id=${conversationId}`, 10);
			const { error } = await run('accessToken', 'cozeConversation', { resource: 'conversation', operation: 'get', conversationId });
			expect(error?.message).toMatch(/after 5 redirects; not followed any further/);
			expect(calls('GET', '/v1/conversation/retrieve')).toHaveLength(6);
		});
	});

	describe('timeouts run on their own clock', () => {
		it('a stream of keep-alive comments only, Timeout 4 s: ends within 5 s, says no chat was named, cancels nothing', async () => {
			sim.addFault({ path: '/v3/chat', fault: { kind: 'keepAlive', afterEvents: 0, intervalMs: 500, forMs: 30_000 } });
			const { error, ms } = await chat({ timeout: 4 });
			expect(error?.message).toBe('Coze API error: no answer within 4 s; Coze had not named a chat by then, so there was no chat to cancel');
			expect(ms).toBeGreaterThanOrEqual(4000);
			expect(ms).toBeLessThan(5000);
			expect(calls('POST', '/v3/chat/cancel')).toHaveLength(0);
		});

		it('keep-alive comments after the chat was named, Timeout 4 s: ends within 5 s and the chat is cancelled', async () => {
			sim.addFault({ path: '/v3/chat', fault: { kind: 'keepAlive', afterEvents: 2, intervalMs: 500, forMs: 30_000 } });
			const { error, ms } = await chat({ timeout: 4 });
			expect(error?.message).toBe('Coze API error: no answer within 4 s; the chat was cancelled');
			expect(ms).toBeLessThan(5000);
			expect(calls('POST', '/v3/chat/cancel')).toHaveLength(1);
		});

		it('keep-alive comments do not count as activity: Idle Timeout 1 s ends the stream after 1 s without events', async () => {
			sim.addFault({ path: '/v3/chat', fault: { kind: 'keepAlive', afterEvents: 2, intervalMs: 200, forMs: 30_000 } });
			const { error, ms } = await chat({ timeout: 20, idleTimeout: 1 });
			expect(error?.message).toBe('Coze API error: the event stream went idle: no event for 1 s (Idle Timeout); the answer is incomplete');
			expect(ms).toBeLessThan(3000);
			expect(calls('POST', '/v3/chat/cancel')).toHaveLength(1);
		});

		it('a streamed workflow run that only sends PING heartbeats, Timeout 3 s: ends within 4 s at the deadline', async () => {
			// PING is Coze's own "still running" event: it keeps the idle clock (1 s here) from firing; only the deadline ends it.
			sim.addFault({ path: '/v1/workflow/stream_run', fault: { kind: 'keepAlive', afterEvents: 1, intervalMs: 300, forMs: 30_000, ping: true } });
			const { error, ms } = await run('accessToken', 'cozeWorkflow', {
				operation: 'run',
				mode: 'stream',
				workflowId: rl(WORKFLOWS.echo),
				parameters: '{"input":"x"}',
				options: { timeout: 3, idleTimeout: 1 },
			});
			expect(error?.message).toBe('Coze API error: no result within 3 s (Coze has no API to stop a run: it may still finish there)');
			expect(ms).toBeGreaterThanOrEqual(3000);
			expect(ms).toBeLessThan(4000);
		});

		it('a stream that stalls after its headers: idle after 1 s', async () => {
			sim.addFault({ path: '/v3/chat', fault: { kind: 'idleStream', afterEvents: 0, idleMs: 10_000 } });
			const { error, ms } = await chat({ idleTimeout: 1 });
			expect(error?.message).toMatch(/the event stream went idle: no event for 1 s/);
			expect(ms).toBeLessThan(3000);
		});

		it('polling: a chat retrieve that hangs does not outlive the Timeout; the chat is cancelled', async () => {
			sim.addFault({ method: 'GET', path: '/v3/chat/retrieve', fault: { kind: 'delay', ms: 10_000 } });
			const { error, ms } = await chat({ responseMode: 'poll', timeout: 2 }, BOTS.slow);
			expect(error?.message).toBe('Coze API error: no answer within 2 s; the chat was cancelled');
			expect(ms).toBeLessThan(3500);
			expect(calls('POST', '/v3/chat/cancel')).toHaveLength(1);
		});
	});

	describe('broken answers', () => {
		it('a connection reset mid-stream: the answer is incomplete, said so', async () => {
			sim.addFault({ path: '/v3/chat', fault: { kind: 'resetMidStream', afterEvents: 3 } });
			const { error } = await chat();
			expect(error?.message).toMatch(/the event stream was cut before it finished \(.+\); the answer is incomplete/);
		});

		it('truncated JSON: a non-JSON answer with its body, not retried', async () => {
			sim.addFault({
				method: 'GET',
				path: '/v1/conversation/retrieve',
				fault: { kind: 'status', status: 200, body: '{"code":0,"data":{"id":"12', headers: { 'Content-Type': 'application/json' } },
			});
			const { error } = await run('accessToken', 'cozeConversation', { resource: 'conversation', operation: 'get', conversationId });
			expect(error?.message).toBe('Coze API error (HTTP 200): non-JSON response');
			expect(String(error?.description)).toMatch(/Body: \{"code":0,"data":\{"id":"12/);
			expect(calls('GET', '/v1/conversation/retrieve')).toHaveLength(1);
		});

		it('an HTML proxy page (502): a read is retried and succeeds; a create is not retried and says what it got', async () => {
			sim.addFault({ method: 'GET', path: '/v1/conversation/retrieve', fault: { kind: 'html' } });
			const read = await run('accessToken', 'cozeConversation', { resource: 'conversation', operation: 'get', conversationId });
			expect(read.error).toBeUndefined();
			expect(calls('GET', '/v1/conversation/retrieve')).toHaveLength(2);

			sim.addFault({ method: 'POST', path: '/v1/conversation/create', fault: { kind: 'html' } });
			const before = calls('POST', '/v1/conversation/create').length;
			const write = await run('accessToken', 'cozeConversation', { resource: 'conversation', operation: 'create' });
			expect(write.error?.message).toBe('Coze API error (HTTP 502): non-JSON response');
			expect(String(write.error?.description)).toMatch(/non-JSON page.*Base URL/);
			expect(String(write.error?.description)).toMatch(/502 Bad Gateway/);
			expect(calls('POST', '/v1/conversation/create').length - before).toBe(1);
		});

		it('429 with Retry-After under concurrency: every item waits what Coze asked, then succeeds, order kept', async () => {
			sim.addFault({
				method: 'GET',
				path: '/v1/conversation/retrieve',
				times: 3,
				fault: { kind: 'status', status: 429, body: { code: 4013, msg: 'too many requests' }, headers: { 'Retry-After': '1' } },
			});
			const items = Array.from({ length: 6 }, (_, i) => ({ json: { i } as IDataObject }));
			const { error, items: out } = await run(
				'accessToken',
				'cozeConversation',
				{ resource: 'conversation', operation: 'get', conversationId: '={{ "' + conversationId + '" }}', options: { concurrency: 3 } },
				items,
			);
			expect(error).toBeUndefined();
			expect(out).toHaveLength(6);
			expect(out.map((item) => item.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
			const reads = calls('GET', '/v1/conversation/retrieve');
			expect(reads).toHaveLength(9);
			// The three limited calls came first (concurrency 3); their retries waited the full second Coze asked for.
			const firstAt = reads[0].at;
			const retried = reads.slice(3).filter((r) => r.at - firstAt >= 950);
			expect(retried.length).toBeGreaterThanOrEqual(3);
		});
	});
});
