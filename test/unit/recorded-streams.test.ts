import { readFileSync } from 'fs';
import type { INode } from 'n8n-workflow';
import { join } from 'path';

import { collectChatStream } from '../../nodes/shared/chatTurn';
import type { SseEvent } from '../../nodes/shared/transport/sse';
import { parseSseData, readSseEvents, SseParser } from '../../nodes/shared/transport/sse';
import { collectWorkflowStream } from '../../nodes/shared/workflow';

/**
 * The official SDKs' recorded SSE bodies (test/fixtures/recorded/<sdk>/, see NOTICE there), replayed through our SSE
 * parser and the chat / workflow collectors. Each parser expectation is the one the SDK's own test makes; the
 * collector expectation is what a user of the node should get: an answer, or an error carrying Coze's code and message.
 */
const DIR = join(__dirname, '..', 'fixtures', 'recorded');
const load = (sdk: 'coze-py' | 'coze-go', name: string) => readFileSync(join(DIR, sdk, name));
const node: INode = { id: 'n1', name: 'Coze', type: 'n8n-nodes-coze-api.cozeChat', typeVersion: 1, position: [0, 0], parameters: {} };

/** Parse a body in one chunk and in 7-byte chunks (UTF-8 split across chunks); both must agree. */
function parse(body: Buffer): SseEvent[] {
	const single = new SseParser();
	const whole = [...single.feed(body), ...single.end()];
	const parser = new SseParser();
	const chunked: SseEvent[] = [];
	for (let i = 0; i < body.length; i += 7) chunked.push(...parser.feed(body.subarray(i, i + 7)));
	chunked.push(...parser.end());
	expect(chunked).toEqual(whole);
	return whole;
}
async function* chunks(body: Buffer) {
	for (let i = 0; i < body.length; i += 13) yield body.subarray(i, i + 13);
}
const events = (body: Buffer) => readSseEvents(chunks(body));
const chat = async (body: Buffer) => await collectChatStream(events(body), { node, itemIndex: 0, logId: 'log-1' });
const workflow = async (body: Buffer) => await collectWorkflowStream(events(body), { node, itemIndex: 0, logId: 'log-1' });

describe('recorded streams of coze-py (tests/testdata)', () => {
	it('chat_text_stream_resp: 8 events + done, first chat.created, last chat.completed; the collector returns the answer', async () => {
		const body = load('coze-py', 'chat_text_stream_resp.txt');
		const parsed = parse(body);
		// test_chat.py test_sync_chat_stream: 8 events, the last chat.completed (coze-py's handler drops `done`).
		expect(parsed.map((e) => e.event).slice(-2)).toEqual(['conversation.chat.completed', 'done']);
		expect(parsed.filter((e) => e.event !== 'done')).toHaveLength(8);
		expect(parsed[0].event).toBe('conversation.chat.created');
		expect(parseSseData<{ id: string }>(parsed[0])?.id).toBe('7382159487131697202');
		const turn = await chat(body);
		expect(turn.chat).toMatchObject({ id: '7382159487131697202', status: 'completed' });
		const answer = turn.messages.find((m) => m.type === 'answer');
		// The answer is the completed message (this recording's deltas do not add up to it: "20星期三。").
		expect(answer?.content).toBe('2024 年 10 月 1 日是星期三。');
	});

	it('chat_error_resp: an error event (the SDK raises "error event"); the collector throws', async () => {
		const body = load('coze-py', 'chat_error_resp.txt');
		expect(parse(body)).toEqual([{ event: 'error', data: '{}' }]);
		await expect(chat(body)).rejects.toMatchObject({ name: 'NodeApiError', message: expect.stringMatching(/error/) });
	});

	it('chat_failed_resp: one chat.failed event with last_error.code 5000; the collector throws with code 5000 and the message', async () => {
		const body = load('coze-py', 'chat_failed_resp.txt');
		const parsed = parse(body);
		expect(parsed).toHaveLength(1);
		expect(parseSseData<{ last_error: { code: number } }>(parsed[0])?.last_error.code).toBe(5000);
		await expect(chat(body)).rejects.toMatchObject({ message: expect.stringMatching(/code 5000.*event interval error/) });
	});

	it('chat_invalid_resp: an unknown event is kept (UNKNOWN) and skipped; the stream then ends without an answer', async () => {
		const body = load('coze-py', 'chat_invalid_resp.txt');
		expect(parse(body)).toEqual([{ event: 'invalid', data: '{}' }]);
		await expect(chat(body)).rejects.toMatchObject({ message: expect.stringMatching(/ended before the chat completed/) });
	});

	it('chat_audio_stream_resp: 7 events + done, the audio delta after chat.completed; the collector keeps its 70,944 bytes when voice may follow', async () => {
		const body = load('coze-py', 'chat_audio_stream_resp.txt');
		const parsed = parse(body);
		// test_chat.py test_sync_chat_audio_stream: 7 events, the last one's message content is base64 audio.
		expect(parsed.filter((e) => e.event !== 'done')).toHaveLength(7);
		expect(parsed.map((e) => e.event).slice(-3)).toEqual(['conversation.chat.completed', 'conversation.audio.delta', 'done']);
		const payload = Buffer.from(String(parseSseData<{ content: string }>(parsed[6])?.content), 'base64');
		expect(payload.length).toBe(70944);
		const voiced = await collectChatStream(events(body), { node, itemIndex: 0, logId: 'log-1', voice: 'pcm' });
		expect(voiced.chat).toMatchObject({ id: 'chat_id', status: 'completed' });
		expect(Buffer.concat(voiced.audio ?? []).equals(payload)).toBe(true);
		// A text question (no voice can follow) ends at chat.completed, as before.
		expect((await chat(body)).audio).toBeUndefined();
	});

	it('workflows_chat_stream_resp (chat flow): 8 events + done, ending with chat.completed; the collector returns the answer', async () => {
		const body = load('coze-py', 'workflows_chat_stream_resp.txt');
		const parsed = parse(body);
		// test_workflows_chat.py: 8 events, the last chat.completed (coze-py drops `done`).
		expect(parsed.filter((e) => e.event !== 'done')).toHaveLength(8);
		expect(parsed.map((e) => e.event).slice(-2)).toEqual(['conversation.chat.completed', 'done']);
		const turn = await chat(body);
		expect(turn.chat).toMatchObject({ id: 'id_1111', status: 'completed' });
		expect(turn.messages.find((m) => m.type === 'answer')?.content).toBe("I'm fine, thank you. How about you?");
	});

	it('workflow_run_stream_resp: 9 events before Done (ids restart; Message, Error, Interrupt); the collector stops at the Error with its code', async () => {
		const body = load('coze-py', 'workflow_run_stream_resp.txt');
		const parsed = parse(body);
		// test_workflows_runs.py expects 9 events: coze-py's handler drops Done (cozepy/workflows/runs _workflow_stream_handler).
		expect(parsed.filter((e) => e.event !== 'Done')).toHaveLength(9);
		expect(parsed.map((e) => `${e.id}:${e.event}`)).toEqual([
			'0:Message',
			'1:Message',
			'2:Message',
			'3:Message',
			'4:Message',
			'5:Message',
			'0:Error',
			'0:Message',
			'1:Interrupt',
			'6:Done',
		]);
		await expect(workflow(body)).rejects.toMatchObject({ message: expect.stringMatching(/code 4000.*Request parameter error/) });
	});

	it('workflow_run_invalid_stream_resp: an unknown event (UNKNOWN in the SDK); the collector reports a stream that ended early', async () => {
		const body = load('coze-py', 'workflow_run_invalid_stream_resp.txt');
		expect(parse(body)).toEqual([{ id: '0', event: 'invalid', data: '{}' }]);
		await expect(workflow(body)).rejects.toMatchObject({ message: expect.stringMatching(/ended before Done/) });
	});
});

describe('recorded streams of coze-go (mockStreamResponse bodies)', () => {
	it('chat_stream: created, delta, done with empty data; done before completion is an error for the collector', async () => {
		const body = load('coze-go', 'chat_stream.txt');
		const parsed = parse(body);
		expect(parsed.map((e) => e.event)).toEqual(['conversation.chat.created', 'conversation.message.delta', 'done']);
		expect(parseSseData<{ content: string }>(parsed[1])?.content).toBe('Hello');
		expect(parsed[2].data).toBe('');
		await expect(chat(body)).rejects.toMatchObject({ message: expect.stringMatching(/done/) });
	});

	it('chat_submit_tool_outputs_stream: in_progress, delta, done', () => {
		const parsed = parse(load('coze-go', 'chat_submit_tool_outputs_stream.txt'));
		expect(parsed.map((e) => e.event)).toEqual(['conversation.chat.in_progress', 'conversation.message.delta', 'done']);
		expect(parseSseData<{ content: string }>(parsed[1])?.content).toBe('Processing tool output');
	});

	it('workflows_chat_stream: created, delta, done ({}), then EOF', () => {
		const parsed = parse(load('coze-go', 'workflows_chat_stream.txt'));
		expect(parsed.map((e) => e.event)).toEqual(['conversation.chat.created', 'conversation.message.delta', 'done']);
		expect(parsed[2].data).toBe('{}');
	});

	it('workflow_run_stream: ids 0-4, Message, Message, PING, invalid, Done; the collector completes with the debug URL', async () => {
		const body = load('coze-go', 'workflow_run_stream.txt');
		const parsed = parse(body);
		expect(parsed.map((e) => [e.id, e.event])).toEqual([
			['0', 'Message'],
			['1', 'Message'],
			['2', 'PING'],
			['3', 'invalid'],
			['4', 'Done'],
		]);
		expect(parseSseData<{ node_is_finish: boolean }>(parsed[0])?.node_is_finish).toBe(false);
		const run = await workflow(body);
		expect(run).toMatchObject({ status: 'completed', debug_url: 'https://www.coze.cn/work_flow?***' });
		expect(run.messages.map((m) => m.content).join('')).toBe('HelloWorld');
	});

	it('workflow_resume_stream: Message "Resumed", Done; the collector returns the output', async () => {
		const body = load('coze-go', 'workflow_resume_stream.txt');
		expect(parse(body).map((e) => e.event)).toEqual(['Message', 'Done']);
		const run = await workflow(body);
		expect(run).toMatchObject({ status: 'completed', output: 'Resumed', debug_url: 'https://www.coze.cn/work_flow?***' });
	});

	it('workflow_error_event: Error 400 "Bad Request"; the collector throws with that code and message', async () => {
		const body = load('coze-go', 'workflow_error_event.txt');
		expect(parseSseData(parse(body)[0])).toEqual({ error_code: 400, error_message: 'Bad Request' });
		await expect(workflow(body)).rejects.toMatchObject({ message: expect.stringMatching(/code 400.*Bad Request/) });
	});

	it('workflow_interrupt_event: the SDK reads the Interrupt (event1, type 1, "Question") from a stream with no Done', () => {
		const parsed = parse(load('coze-go', 'workflow_interrupt_event.txt'));
		expect(parsed.map((e) => e.event)).toEqual(['Interrupt']);
		expect(parseSseData(parsed[0])).toEqual({ interrupt_data: { event_id: 'event1', type: 1 }, node_title: 'Question' });
	});

	// Was a node bug (issue 8): collectWorkflowStream (nodes/shared/workflow.ts) required Done; a stream that ends right
	// after Interrupt (this recording, docs/workflow_stream_run.md, Coze Studio) must give an interrupted run, not an error.
	it('the collector returns an interrupted run for Interrupt without Done', async () => {
		const run = await workflow(load('coze-go', 'workflow_interrupt_event.txt'));
		expect(run).toMatchObject({ status: 'interrupted', interrupt: { event_id: 'event1', type: 1, node_title: 'Question' } });
	});
});
