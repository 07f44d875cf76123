import { PassThrough } from 'stream';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { runStream } from '../../nodes/shared/transport/streamLifecycle';
import type { SseEvent } from '../../nodes/shared/transport/sse';

/**
 * runStream (transport/streamLifecycle.ts) on its own (issue 17): a scripted event stream stands in for Coze; the
 * engine and fault suites run the same code against the simulator inside n8n-core.
 */

const NODE: INode = { id: 'n', name: 'Coze', type: 'n8n-nodes-coze-api.cozeChat', typeVersion: 1, position: [0, 0], parameters: {} };

/** A context whose request helper answers with `body` as an event stream; records live chunks. */
function streamContext(body: PassThrough, options: { streaming?: boolean; signal?: AbortSignal } = {}) {
	const chunks: Array<[string, string | undefined]> = [];
	const ctx = {
		getNode: () => NODE,
		getNodeParameter: (_name: string, _i: number, fallback?: unknown) => fallback,
		getCredentials: async () => ({ region: 'custom', baseUrl: 'https://coze.example.com', accessToken: 'pat_x_1234567890' }),
		getExecutionCancelSignal: () => options.signal,
		isStreaming: () => options.streaming ?? false,
		sendChunk: async (type: string, _itemIndex: number, text?: string) => {
			chunks.push([type, text]);
		},
		helpers: {
			httpRequestWithAuthentication: async () => ({ statusCode: 200, headers: { 'content-type': 'text/event-stream' }, body }),
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, chunks };
}

const collectAll = async (events: AsyncIterable<SseEvent>, context: { onText: (text: string) => Promise<void> }) => {
	const seen: string[] = [];
	for await (const event of events) {
		seen.push(event.event ?? '');
		if (event.event === 'delta') await context.onText(event.data);
		if (event.event === 'done') return seen;
	}
	throw new Error('stream ended early');
};

const session = (overrides: Partial<Parameters<typeof runStream<string[]>>[2]> = {}) => ({
	request: { method: 'POST' as const, path: '/v3/chat' },
	timeoutSeconds: 5,
	idleSeconds: 5,
	liveStreaming: true,
	collect: collectAll,
	timeoutMessage: (seconds: number, known: boolean) => `no answer within ${seconds} s (${known ? 'known' : 'unknown'})`,
	...overrides,
});

describe('runStream (transport/streamLifecycle.ts)', () => {
	it('collects to the end, forwarding text live between begin and end chunks', async () => {
		const body = new PassThrough();
		const { ctx, chunks } = streamContext(body, { streaming: true });
		body.end('event:delta\ndata:Hel\n\nevent:delta\ndata:lo\n\nevent:done\ndata:[DONE]\n\n');
		expect(await runStream(ctx, 0, session())).toEqual(['delta', 'delta', 'done']);
		expect(chunks).toEqual([
			['begin', undefined],
			['item', 'Hel'],
			['item', 'lo'],
			['end', undefined],
		]);
	});

	it('ends at the deadline although comments keep arriving, abandons what ran, and says whether it was known', async () => {
		const body = new PassThrough();
		const { ctx } = streamContext(body);
		body.write('event:created\ndata:{}\n\n');
		const keepAlive = setInterval(() => body.write(': keep-alive\n\n'), 100);
		let abandoned = 0;
		const started = Date.now();
		const error = await runStream(
			ctx,
			0,
			session({ timeoutSeconds: 1, idleSeconds: 10, onAbandon: async () => void abandoned++, known: () => true }),
		).catch((e: Error) => e);
		clearInterval(keepAlive);
		expect((error as Error).message).toBe('Coze API error: no answer within 1 s (known)');
		expect(Date.now() - started).toBeLessThan(1900);
		expect(abandoned).toBe(1);
	});

	it('idle counts events only: comments do not keep a silent stream alive', async () => {
		const body = new PassThrough();
		const { ctx } = streamContext(body);
		const keepAlive = setInterval(() => body.write(': keep-alive\n\n'), 100);
		const started = Date.now();
		const error = await runStream(ctx, 0, session({ timeoutSeconds: 10, idleSeconds: 1 })).catch((e: Error) => e);
		clearInterval(keepAlive);
		expect((error as Error).message).toMatch(/the event stream went idle: no event for 1 s/);
		expect(Date.now() - started).toBeLessThan(1900);
	});

	it('a cancel before anything is known reads on briefly to learn it, then stops and abandons', async () => {
		const controller = new AbortController();
		const body = new PassThrough();
		const { ctx } = streamContext(body, { signal: controller.signal });
		let known = false;
		let abandoned = 0;
		setTimeout(() => controller.abort(), 50);
		setTimeout(() => body.write('event:created\ndata:{}\n\n'), 300);
		const error = await runStream(
			ctx,
			0,
			session({
				known: () => known,
				onAbandon: async () => void abandoned++,
				collect: async (events) => {
					for await (const event of events) if (event.event === 'created') known = true;
					return [];
				},
			}),
		).catch((e: Error) => e);
		expect((error as Error).message).toBe('The execution was cancelled');
		expect(known).toBe(true);
		expect(abandoned).toBe(1);
	});
});
