import { readFileSync } from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';

/**
 * One local Coze-like endpoint for bench:vs-http-node: every answer after a fixed latency, with no work of its own
 * (answers are prepared once), so the n8n process is what is measured. Answers:
 * - GET /v1/conversation/retrieve: the example of test/coze-reference/docs/retrieve_conversation.md;
 * - POST /v1/conversation/message/create: the example of docs/create_message.md, echoing the content;
 * - POST /v3/chat (stream: true): the coze-py recording test/fixtures/recorded/coze-py/chat_text_stream_resp.txt,
 *   verbatim.
 * A request without the expected `Authorization: Bearer <token>` gets Coze's 4100 envelope (HTTP 401), so a run
 * that lost its credential fails loudly instead of measuring an error path. Counts requests and the peak in flight.
 */
export interface Endpoint {
	url: string;
	latencyMs: number;
	/** Requests, the most answered at once, refused tokens, and TCP connections opened (reuse shows as fewer than requests). */
	stats(): { requests: number; peakInFlight: number; unauthorized: number; connections: number };
	reset(): void;
	close(): Promise<void>;
}

const CHAT_STREAM = readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'recorded', 'coze-py', 'chat_text_stream_resp.txt'));

const CONVERSATION = JSON.stringify({
	data: {
		id: '7379996104798150001',
		name: '推荐杭州美食',
		meta_data: { uuid: 'newid1234' },
		created_at: 1718289297,
		creator_id: '2478774393250001',
		connector_id: '1024',
		updated_at: 1718289297,
		last_section_id: '7495664347616952360',
	},
	detail: { logid: '20241210152726467C48D89D6DB20001' },
	code: 0,
	msg: '',
});

function messageCreated(conversationId: string, content: string): string {
	return JSON.stringify({
		code: 0,
		data: {
			bot_id: '',
			chat_id: '',
			content,
			content_type: 'text',
			conversation_id: conversationId,
			created_at: 1718592898,
			id: '7381300097482520001',
			meta_data: {},
			role: 'user',
			type: '',
			updated_at: '1718592898',
		},
		msg: '',
	});
}

export async function startEndpoint(token: string, latencyMs: number): Promise<Endpoint> {
	let inFlight = 0;
	let peakInFlight = 0;
	let requests = 0;
	let unauthorized = 0;
	let connections = 0;
	const expected = `Bearer ${token}`;
	const server = http.createServer((req, res) => {
		inFlight++;
		requests++;
		peakInFlight = Math.max(peakInFlight, inFlight);
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const answer = (status: number, type: string, body: string | Buffer) =>
				setTimeout(() => {
					res.writeHead(status, { 'Content-Type': type, 'x-tt-logid': '20241210152726467C48D89D6DB20001' });
					res.end(body, () => inFlight--);
				}, endpoint.latencyMs);
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			if (req.headers.authorization !== expected) {
				unauthorized++;
				return answer(401, 'application/json', JSON.stringify({ code: 4100, msg: 'authentication is invalid' }));
			}
			if (req.method === 'GET' && url.pathname === '/v1/conversation/retrieve') return answer(200, 'application/json', CONVERSATION);
			const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
			if (req.method === 'POST' && url.pathname === '/v1/conversation/message/create') {
				return answer(200, 'application/json', messageCreated(url.searchParams.get('conversation_id') ?? '', String(body.content)));
			}
			if (req.method === 'POST' && url.pathname === '/v3/chat' && body.stream === true) return answer(200, 'text/event-stream', CHAT_STREAM);
			return answer(404, 'application/json', JSON.stringify({ code: 4000, msg: `not part of the benchmark: ${req.method} ${url.pathname}` }));
		});
	});
	server.on('connection', () => connections++);
	server.keepAliveTimeout = 5000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const endpoint: Endpoint = {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		latencyMs,
		stats: () => ({ requests, peakInFlight, unauthorized, connections }),
		reset: () => {
			requests = 0;
			peakInFlight = inFlight;
			unauthorized = 0;
			connections = 0;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return endpoint;
}
