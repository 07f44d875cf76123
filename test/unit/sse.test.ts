import fc from 'fast-check';

import type { SseEvent } from '../../nodes/shared/transport/sse';
import { SseEventTooLargeError, SseParser, parseSseData, readSseEvents } from '../../nodes/shared/transport/sse';

function parseAll(input: Buffer | string, chunkSizes?: number[]): SseEvent[] {
	const parser = new SseParser();
	const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8');
	const events: SseEvent[] = [];
	if (!chunkSizes) {
		events.push(...parser.feed(bytes));
	} else {
		let offset = 0;
		let i = 0;
		while (offset < bytes.length) {
			const size = Math.max(1, chunkSizes[i++ % chunkSizes.length]);
			events.push(...parser.feed(bytes.subarray(offset, offset + size)));
			offset += size;
		}
	}
	events.push(...parser.end());
	return events;
}

// Shapes from the official SDK fixtures (api-contract.md §12): chat without spaces, no trailing newline.
const chatStream = [
	'event:conversation.chat.created',
	'data:{"id":"7382159487131697202","conversation_id":"7381473525342978089","bot_id":"7379462189365198898","status":"created"}',
	'',
	'event:conversation.chat.in_progress',
	'data:{"id":"7382159487131697202","status":"in_progress"}',
	'',
	'event:conversation.message.delta',
	'data:{"id":"1","type":"answer","content":"你好"}',
	'',
	'event:conversation.message.delta',
	'data:{"id":"1","type":"answer","content":"，世界"}',
	'',
	'event:conversation.message.delta',
	'data:{"id":"1","type":"answer","content":"!"}',
	'',
	'event:conversation.message.completed',
	'data:{"id":"1","type":"answer","content":"你好，世界!"}',
	'',
	'event:conversation.chat.completed',
	'data:{"id":"7382159487131697202","status":"completed","usage":{"token_count":633,"output_count":19,"input_count":614}}',
	'',
	'event:done',
	'data:"[DONE]"',
].join('\n');

const workflowStream = [
	'id: 0',
	'event: Message',
	'data: {"content":"msg","node_is_finish":false,"node_seq_id":"0","node_title":"Message"}',
	'',
	'id: 1',
	'event: PING',
	'data: {}',
	'',
	'id: 2',
	'event: Interrupt',
	'data: {"interrupt_data":{"data":"","event_id":"7404830425073352713/2769808280134765896","type":2},"node_title":"Question"}',
	'',
	'id: 3',
	'event: Done',
	'data: {}',
	'',
	'',
].join('\n');

describe('SseParser', () => {
	it('parses a Coze chat stream without spaces and without a trailing newline (8 events)', () => {
		const events = parseAll(chatStream);
		expect(events).toHaveLength(8);
		expect(events.map((e) => e.event)).toEqual([
			'conversation.chat.created',
			'conversation.chat.in_progress',
			'conversation.message.delta',
			'conversation.message.delta',
			'conversation.message.delta',
			'conversation.message.completed',
			'conversation.chat.completed',
			'done',
		]);
		expect(parseSseData(events[7])).toBe('[DONE]');
		expect(parseSseData<{ content: string }>(events[5])?.content).toBe('你好，世界!');
	});

	it('parses a workflow stream with spaces, ids, PING, Interrupt and Done', () => {
		const events = parseAll(workflowStream);
		expect(events.map((e) => [e.id, e.event])).toEqual([
			['0', 'Message'],
			['1', 'PING'],
			['2', 'Interrupt'],
			['3', 'Done'],
		]);
		expect(parseSseData<{ interrupt_data: { event_id: string } }>(events[2])?.interrupt_data.event_id).toBe(
			'7404830425073352713/2769808280134765896',
		);
	});

	it('accepts CRLF and lone CR line ends', () => {
		expect(parseAll('event:a\r\ndata:1\r\n\r\nevent:b\rdata:2\r\r')).toEqual([
			{ event: 'a', data: '1' },
			{ event: 'b', data: '2' },
		]);
	});

	it('joins multi-line data, skips comments, keeps unknown event names, defaults to message', () => {
		expect(parseAll(': keep-alive\n\nevent:custom.thing\ndata:line 1\ndata:line 2\n\ndata:{"x":1}\n\n')).toEqual([
			{ event: 'custom.thing', data: 'line 1\nline 2' },
			{ event: 'message', data: '{"x":1}' },
		]);
	});

	it('emits done with an empty data line, and an event with only an event line', () => {
		expect(parseAll('event:done\ndata:\n\nevent:done\n\n')).toEqual([
			{ event: 'done', data: '' },
			{ event: 'done', data: '' },
		]);
	});

	it('strips exactly one space after the colon', () => {
		expect(parseAll('data:  two spaces\n\n')[0].data).toBe(' two spaces');
	});

	it('ignores a UTF-8 BOM, even split across chunks', () => {
		const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('event:a\ndata:1\n\n')]);
		expect(parseAll(input, [1])).toEqual([{ event: 'a', data: '1' }]);
		expect(parseAll(input)).toEqual([{ event: 'a', data: '1' }]);
	});

	it('decodes UTF-8 characters split across chunks', () => {
		const input = Buffer.from('data:中文🙂测试\n\n', 'utf8');
		for (let split = 1; split < input.length; split++) {
			expect(parseAll(input, [split, input.length])).toEqual([{ event: 'message', data: '中文🙂测试' }]);
		}
	});

	it('treats a CR at the end of one chunk and LF at the start of the next as one line end', () => {
		expect(parseAll('data:1\r\n\r\ndata:2\r\n\r\n', [7, 1, 100])).toEqual([
			{ event: 'message', data: '1' },
			{ event: 'message', data: '2' },
		]);
	});

	it('a JSON error body instead of SSE yields no event (the transport detects it by content type)', () => {
		expect(parseAll('{"code":4100,"msg":"authentication is invalid"}')).toEqual([]);
	});

	it('unparsable data returns undefined from parseSseData instead of throwing', () => {
		expect(parseSseData({ event: 'x', data: '{not json' })).toBeUndefined();
		expect(parseSseData({ event: 'x', data: '[DONE]' })).toBeUndefined();
		expect(parseSseData({ event: 'x', data: '' })).toBeUndefined();
	});

	it('enforces maxEventBytes', () => {
		const parser = new SseParser({ maxEventBytes: 1000 });
		expect(() => parser.feed(`data:${'x'.repeat(2000)}`)).toThrow(SseEventTooLargeError);
	});

	it('reads events from an async iterable of buffers', async () => {
		async function* chunks() {
			const bytes = Buffer.from(chatStream);
			for (let i = 0; i < bytes.length; i += 17) yield bytes.subarray(i, i + 17);
		}
		const events: SseEvent[] = [];
		for await (const event of readSseEvents(chunks())) events.push(event);
		expect(events).toHaveLength(8);
	});

	it('parses a single 8 MB event in 64 KiB chunks in linear time', () => {
		const big = Buffer.concat([Buffer.from('event:big\ndata:'), Buffer.alloc(8 * 1024 * 1024, 0x61), Buffer.from('\n\n')]);
		const started = Date.now();
		const events = parseAll(big, [64 * 1024]);
		expect(Date.now() - started).toBeLessThan(1000);
		expect(events[0].data.length).toBe(8 * 1024 * 1024);
	});

	it('property: any split of the bytes yields the same events as feeding them whole', () => {
		const text = fc.stringMatching(/^[^\r\n]*$/).map((s) => s.replace(/[\r\n]/g, ''));
		const unicode = fc.array(fc.constantFrom('a', 'Z', ' ', ':', '中', '文', '🙂', 'é', '{', '"', '}'), { maxLength: 20 }).map((a) => a.join(''));
		const eventArb = fc.record({
			event: fc.option(fc.constantFrom('conversation.message.delta', 'Message', 'done', 'PING', 'x.y'), { nil: undefined }),
			id: fc.option(fc.integer({ min: 0, max: 99 }).map(String), { nil: undefined }),
			data: fc.array(fc.oneof(unicode, text), { minLength: 1, maxLength: 3 }),
		});
		const style = fc.record({ space: fc.boolean(), eol: fc.constantFrom('\n', '\r\n', '\r'), comment: fc.boolean(), trailing: fc.boolean() });
		fc.assert(
			fc.property(
				fc.array(eventArb, { minLength: 1, maxLength: 8 }),
				style,
				fc.array(fc.integer({ min: 1, max: 13 }), { minLength: 1, maxLength: 10 }),
				(events, s, splits) => {
					const sep = s.space ? ': ' : ':';
					const lines: string[] = [];
					events.forEach((e, i) => {
						if (s.comment) lines.push(`:c${i}`);
						if (e.id !== undefined) lines.push(`id${sep}${e.id}`);
						if (e.event !== undefined) lines.push(`event${sep}${e.event}`);
						for (const d of e.data) lines.push(`data${sep}${d}`);
						lines.push('');
					});
					let serialized = lines.join(s.eol);
					if (!s.trailing) serialized = serialized.replace(/(\r\n|\r|\n)+$/, '');
					const bytes = Buffer.from(serialized, 'utf8');
					const whole = parseAll(bytes);
					const split = parseAll(bytes, splits);
					expect(split).toEqual(whole);
					expect(whole).toHaveLength(events.length);
					whole.forEach((parsed, i) => {
						expect(parsed.event).toBe(events[i].event ?? 'message');
						// Without a space after the colon, a value starting with a space loses that one space (SSE rule).
						expect(parsed.data).toBe(events[i].data.map((d) => (!s.space && d.startsWith(' ') ? d.slice(1) : d)).join('\n'));
					});
				},
			),
			{ numRuns: 300 },
		);
	});
});
