import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runItems } from '../../nodes/shared/items';
import { idList, idText, limitOf, numberValue, requiredId, textValue } from '../../nodes/shared/params';
import { MIN_POLL_INTERVAL_MS, pollUntil } from '../../nodes/shared/polling';
import { cozeApiRequest, cozePaginate, cursorStyle, pageNumberStyle } from '../../nodes/shared/transport';
import type { CozeContext } from '../../nodes/shared/transport';

/**
 * Direct unit tests of the core (issue 17): transport (retries, re-auth, cancel, deadlines), paging, validated
 * parameter reads, items (concurrency, order, pairing, continueOnFail) and polling. A scripted stand-in for n8n's
 * request helper answers each call; the engine suites run the same code inside n8n-core against the simulator.
 */

const NODE: INode = {
	id: 'n1',
	name: 'Coze Test',
	type: 'n8n-nodes-coze-api.cozeConversation',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { cozeApi: { id: 'c1', name: 'Coze' } },
};

type Answer = { status?: number; body?: unknown; headers?: Record<string, string> } | Error;

/** A context whose request helper answers from `answers` in order and records what it was asked. */
function fakeContext(answers: Answer[], parameters: IDataObject = {}, signal?: AbortSignal) {
	const sent: IHttpRequestOptions[] = [];
	const refreshes: string[] = [];
	const ctx = {
		getNode: () => NODE,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async () => ({ region: 'custom', baseUrl: 'https://coze.example.com', accessToken: 'pat_secret_token_1234567890' }),
		getExecutionCancelSignal: () => signal,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				sent.push(options);
				const answer = answers.shift() ?? { status: 200, body: { code: 0, data: {} } };
				if (answer instanceof Error) throw answer;
				const response = { statusCode: answer.status ?? 200, headers: answer.headers ?? {}, body: answer.body };
				if (response.statusCode >= 300) {
					throw Object.assign(new Error(`Request failed with status code ${response.statusCode}`), {
						response: { status: response.statusCode, headers: response.headers, data: response.body },
					});
				}
				return response;
			},
			refreshOAuth2Token: async (type: string) => {
				refreshes.push(type);
			},
		},
	};
	return { ctx: ctx as unknown as CozeContext, sent, refreshes };
}

const ok = (data: unknown = {}) => ({ status: 200, body: { code: 0, msg: '', data } });

describe('transport (request.ts)', () => {
	it('sends to the credential base URL with redirects off and resolves with the envelope', async () => {
		const { ctx, sent } = fakeContext([ok({ id: '1' })]);
		const envelope = await cozeApiRequest.call(ctx, { method: 'GET', path: '/v1/conversation/retrieve', qs: { conversation_id: '1' } });
		expect(envelope.data).toEqual({ id: '1' });
		expect(sent[0]).toMatchObject({
			url: 'https://coze.example.com/v1/conversation/retrieve',
			qs: { conversation_id: '1' },
			disableFollowRedirect: true,
		});
	});

	it('retries a rate limit with Retry-After, then succeeds', async () => {
		const { ctx, sent } = fakeContext([{ status: 429, body: { code: 4013, msg: 'slow down' }, headers: { 'retry-after': '0.01' } }, ok()]);
		await cozeApiRequest.call(ctx, { method: 'POST', path: '/v1/conversation/create', body: {} });
		expect(sent).toHaveLength(2);
	});

	it('retries a 5xx only for idempotent calls', async () => {
		const read = fakeContext([{ status: 503, body: 'down' }, ok()]);
		await cozeApiRequest.call(read.ctx, { method: 'GET', path: '/v1/x', retryDelayMs: 1 });
		expect(read.sent).toHaveLength(2);
		const write = fakeContext([{ status: 503, body: 'down' }, ok()]);
		await expect(cozeApiRequest.call(write.ctx, { method: 'POST', path: '/v1/x', retryDelayMs: 1 })).rejects.toThrow(/HTTP 503/);
		expect(write.sent).toHaveLength(1);
	});

	it('OAuth2: a 4100 refreshes the token once and repeats the call', async () => {
		const { ctx, sent, refreshes } = fakeContext([{ status: 200, body: { code: 4100, msg: 'expired' } }, ok()], { authentication: 'oAuth2' });
		await cozeApiRequest.call(ctx, { method: 'GET', path: '/v1/x' });
		expect(refreshes).toEqual(['cozeOAuth2Api']);
		expect(sent).toHaveLength(2);
	});

	it('a PAT is not refreshed: 4100 is the error, with the region hint and no token in it', async () => {
		const { ctx, sent } = fakeContext([{ status: 200, body: { code: 4100, msg: 'token pat_secret_token_1234567890 invalid' } }]);
		const error = (await cozeApiRequest.call(ctx, { method: 'GET', path: '/v1/x' }).catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Coze API error (code 4100, HTTP 200): token [redacted] invalid');
		expect(error.description).toMatch(/Region/);
		expect(sent).toHaveLength(1);
	});

	it('a cancelled execution sends nothing more and says so', async () => {
		const controller = new AbortController();
		controller.abort();
		const { ctx, sent } = fakeContext([ok()], {}, controller.signal);
		await expect(cozeApiRequest.call(ctx, { method: 'GET', path: '/v1/x' })).rejects.toThrow('The execution was cancelled');
		expect(sent).toHaveLength(0);
	});

	it('a deadline cuts the attempt timeout to the time left and starts no retry that could not finish', async () => {
		const { ctx, sent } = fakeContext([{ status: 429, body: { code: 4013, msg: 'slow down' }, headers: { 'retry-after': '5' } }]);
		const started = Date.now();
		const error = await cozeApiRequest.call(ctx, { method: 'GET', path: '/v1/x', deadlineAt: Date.now() + 1000 }).catch((e: Error) => e);
		expect(Date.now() - started).toBeLessThan(500);
		expect((error as Error).message).toMatch(/code 4013/);
		expect(sent).toHaveLength(1);
		expect(Number(sent[0].timeout)).toBeLessThanOrEqual(1000);
	});

	it('follows a same-origin redirect itself and refuses another origin', async () => {
		const same = fakeContext([{ status: 302, headers: { location: '/v1/y' } }, ok({ moved: true })]);
		expect((await cozeApiRequest.call(same.ctx, { method: 'GET', path: '/v1/x' })).data).toEqual({ moved: true });
		expect(same.sent.map((o) => o.url)).toEqual(['https://coze.example.com/v1/x', 'https://coze.example.com/v1/y']);
		const other = fakeContext([{ status: 302, headers: { location: 'https://elsewhere.example.net/v1/x' } }]);
		await expect(cozeApiRequest.call(other.ctx, { method: 'GET', path: '/v1/x' })).rejects.toThrow(/another address/);
		expect(other.sent).toHaveLength(1);
	});
});

describe('paging (pagination.ts)', () => {
	const pageOf = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: String(from + i) }));

	it('page numbers: pages of the largest size needed, until a short page; Limit stops early', async () => {
		const all = fakeContext([ok({ items: pageOf(0, 3) }), ok({ items: pageOf(3, 1) })]);
		const style = pageNumberStyle({ itemsPath: 'data.items' });
		const items = await cozePaginate.call(all.ctx, { method: 'GET', path: '/v1/list' }, style, { maxPageSize: 3 });
		expect(items.map((i) => i.id)).toEqual(['0', '1', '2', '3']);
		expect(all.sent.map((o) => o.qs)).toEqual([
			{ page_num: 1, page_size: 3 },
			{ page_num: 2, page_size: 3 },
		]);
		const limited = fakeContext([ok({ items: pageOf(0, 3) }), ok({ items: pageOf(3, 3) }), ok({ items: pageOf(6, 3) })]);
		const five = await cozePaginate.call(limited.ctx, { method: 'GET', path: '/v1/list' }, style, { maxPageSize: 3, limit: 5 });
		expect(five.map((i) => i.id)).toEqual(['0', '1', '2', '3', '4']);
		expect(limited.sent).toHaveLength(2);
		const small = fakeContext([ok({ items: pageOf(0, 2) })]);
		await cozePaginate.call(small.ctx, { method: 'GET', path: '/v1/list' }, style, { maxPageSize: 50, limit: 2 });
		expect(small.sent[0].qs).toEqual({ page_num: 1, page_size: 2 });
	});

	it('page numbers with a total: stops when the total is reached even on a full page', async () => {
		const { ctx, sent } = fakeContext([ok({ items: pageOf(0, 2), total: 2 })]);
		await cozePaginate.call(ctx, { method: 'GET', path: '/v1/list' }, pageNumberStyle({ itemsPath: 'data.items', totalPath: 'data.total' }), {
			maxPageSize: 2,
		});
		expect(sent).toHaveLength(1);
	});

	it('cursor: after_id = the previous last_id while has_more', async () => {
		const { ctx, sent } = fakeContext([
			{ status: 200, body: { code: 0, data: pageOf(0, 2), has_more: true, last_id: '1' } },
			{ status: 200, body: { code: 0, data: pageOf(2, 1), has_more: false, last_id: '2' } },
		]);
		const style = cursorStyle({ itemsPath: 'data', cursorParam: 'after_id', cursorPath: 'last_id', sizeParam: 'limit', where: 'body' });
		const items = await cozePaginate.call(ctx, { method: 'POST', path: '/v1/conversation/message/list' }, style, { maxPageSize: 2 });
		expect(items).toHaveLength(3);
		expect(sent.map((o) => o.body)).toEqual([{ limit: 2 }, { limit: 2, after_id: '1' }]);
	});
});

describe('validated parameter reads (params.ts)', () => {
	const ctx = { getNode: () => NODE };

	it('IDs: text, safe numbers and locator values pass; rounded numbers, objects and empty expressions fail naming the field', () => {
		expect(idText(ctx, ' 7512 ', 'Bot ID', 0)).toBe('7512');
		expect(idText(ctx, 42, 'Bot ID', 0)).toBe('42');
		expect(idText(ctx, { __rl: true, mode: 'list', value: '7600000000000000001' }, 'Bot ID', 0)).toBe('7600000000000000001');
		// eslint-disable-next-line no-loss-of-precision -- the point: a 19-digit ID arriving as a number
		expect(() => idText(ctx, 7600000000000000001, 'Bot ID', 3)).toThrow('Bot ID was given as a number and lost precision (7600000000000000000)');
		expect(() => idText(ctx, { a: 1 }, 'Bot ID', 0)).toThrow('Bot ID must be text, not an object');
		expect(() => idText(ctx, 'undefined', 'Bot ID', 0)).toThrow('Bot ID is "undefined"');
	});

	it('required IDs name the item when empty', () => {
		const reader = { ...ctx, getNodeParameter: () => '' } as unknown as Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'>;
		const error = (() => {
			try {
				return requiredId(reader, 'botId', 4, 'Bot ID');
			} catch (e) {
				return e as NodeOperationError;
			}
		})() as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Bot ID is required');
		expect(error.context.itemIndex).toBe(4);
	});

	it('numbers: bounds, whole numbers and numeric text', () => {
		expect(numberValue(ctx, '2.5', 'Timeout', 0, { min: 1, fractional: true })).toBe(2.5);
		expect(() => numberValue(ctx, 0, 'Timeout', 0, { min: 1 })).toThrow('Timeout must be at least 1, got 0');
		expect(() => numberValue(ctx, 1.5, 'Limit', 0, { min: 1 })).toThrow('Limit must be a whole number, got 1.5');
		expect(() => numberValue(ctx, 'abc', 'Limit', 0, { min: 1, max: 5 })).toThrow('Limit must be a whole number, got "abc"');
		expect(() => numberValue(ctx, 9, 'Limit', 0, { min: 1, max: 5 })).toThrow('Limit must be between 1 and 5, got 9');
	});

	it('text: objects as JSON where Coze takes text, refused elsewhere; lists split on commas and lines', () => {
		expect(textValue(ctx, { a: 1 }, 'Value', 0, { objectsAsJson: true })).toBe('{"a":1}');
		expect(() => textValue(ctx, [1], 'Name', 0)).toThrow('Name must be text, not a list');
		expect(() => textValue(ctx, ' ', 'Message', 0, { required: true })).toThrow('Message is required');
		expect(idList('a, b\nc,, ')).toEqual(['a', 'b', 'c']);
		expect(idList([' x ', 7])).toEqual(['x', '7']);
	});

	it('Return All / Limit', () => {
		const reader = (values: IDataObject) =>
			({ getNode: () => NODE, getNodeParameter: (name: string, _i: number, fallback: unknown) => values[name] ?? fallback }) as unknown as Pick<
				IExecuteFunctions,
				'getNode' | 'getNodeParameter'
			>;
		expect(limitOf(reader({ returnAll: true, limit: 5 }), 0)).toBeUndefined();
		expect(limitOf(reader({ returnAll: false, limit: 5 }), 0)).toBe(5);
		expect(() => limitOf(reader({ returnAll: false, limit: 0 }), 0)).toThrow('Limit must be at least 1, got 0');
	});
});

describe('items (items.ts)', () => {
	const itemsContext = (count: number, continueOnFail = false) =>
		({
			getInputData: () => Array.from({ length: count }, (_, i) => ({ json: { i } })),
			continueOnFail: () => continueOnFail,
		}) as unknown as IExecuteFunctions;
	const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

	it('bounded concurrency, input order and pairedItem kept', async () => {
		let inFlight = 0;
		let peak = 0;
		const out = await runItems(
			itemsContext(7),
			async (i) => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				await sleep(10 * (7 - i));
				inFlight--;
				return [{ json: { i } }];
			},
			3,
		);
		expect(peak).toBe(3);
		expect(out.map((item) => [item.json.i, item.pairedItem])).toEqual(Array.from({ length: 7 }, (_, i) => [i, { item: i }]));
	});

	it('continueOnFail: the failing item carries the error, code and log id; the others go on', async () => {
		const failure = Object.assign(new Error('Coze API error (code 4000): bad'), { description: 'hint', errorResponse: { code: 4000, logid: 'L1' } });
		const out = await runItems(itemsContext(3, true), async (i): Promise<INodeExecutionData[]> => {
			if (i === 1) throw failure;
			return [{ json: { i } }];
		});
		expect(out[1]).toEqual({
			json: { error: 'Coze API error (code 4000): bad', description: 'hint', code: 4000, logid: 'L1' },
			pairedItem: { item: 1 },
		});
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('without continueOnFail the first failure stops scheduling and is thrown, secrets removed', async () => {
		const started: number[] = [];
		const error = await runItems(
			itemsContext(10),
			async (i) => {
				started.push(i);
				if (i === 0) throw new Error('failed with pat_secret_token_1234567890');
				await sleep(5);
				return [{ json: {} }];
			},
			2,
			async () => ['pat_secret_token_1234567890'],
		).catch((e: Error) => e);
		expect((error as Error).message).toBe('failed with [redacted]');
		expect(started.length).toBeLessThan(10);
	});
});

describe('polling (polling.ts)', () => {
	const ctx = { getNode: () => NODE };

	it('checks until done, never faster than once a second, and hands each check the deadline', async () => {
		const deadlines: number[] = [];
		const times: number[] = [];
		let n = 0;
		const value = await pollUntil(ctx, {
			check: async (deadlineAt) => {
				deadlines.push(deadlineAt);
				times.push(Date.now());
				return ++n;
			},
			done: (v) => v === 2,
			intervalMs: 10,
			timeoutMs: 10_000,
			onTimeout: () => new Error('late'),
		});
		expect(value).toBe(2);
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(MIN_POLL_INTERVAL_MS - 20);
		expect(new Set(deadlines).size).toBe(1);
	});

	it('gives up with onTimeout before a wait would pass the deadline, and when a check ends at it', async () => {
		const early = await pollUntil(ctx, {
			check: async () => 'running',
			done: () => false,
			intervalMs: 1000,
			timeoutMs: 500,
			onTimeout: (last) => new Error(`still ${String(last)}`),
		}).catch((e: Error) => e);
		expect((early as Error).message).toBe('still running');

		const cut = await pollUntil(ctx, {
			check: async (deadlineAt) => {
				await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadlineAt - Date.now())));
				throw new Error('no answer before the timeout');
			},
			done: () => false,
			intervalMs: 1000,
			timeoutMs: 300,
			onTimeout: (last) => new Error(`timed out (last: ${String(last)})`),
		}).catch((e: Error) => e);
		expect((cut as Error).message).toBe('timed out (last: undefined)');
	});

	it('stops at once when the execution is cancelled', async () => {
		const controller = new AbortController();
		const cancellable = { getNode: () => NODE, getExecutionCancelSignal: () => controller.signal };
		setTimeout(() => controller.abort(), 100);
		const started = Date.now();
		const error = await pollUntil(cancellable, {
			check: async () => 'running',
			done: () => false,
			intervalMs: 5000,
			timeoutMs: 60_000,
			onTimeout: () => new Error('late'),
		}).catch((e: Error) => e);
		expect((error as Error).message).toBe('The execution was cancelled');
		expect(Date.now() - started).toBeLessThan(1000);
	});
});
