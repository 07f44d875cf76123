import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { oggCrc } from '../simulator/routes/audio';
import { setAudioBeforeCompleted, voiceDeltas } from '../simulator/routes/chat';
import { BOTS } from '../simulator/seed';

/**
 * Voice answers through Coze Chat inside n8n-core. Coze streams the spoken answer as `conversation.audio.delta` events
 * only when the question holds audio (docs chat_v3.md), and — in the one recording there is, coze-py's
 * tests/testdata/chat_audio_stream_resp.txt — after `conversation.chat.completed`, before `done`. The answer's encoding
 * follows the question's (chat_v3.md, Message object, content_type audio): WAV question → 24 kHz PCM, delivered as a
 * WAV file; Ogg/Opus question → 48 kHz Opus packets of 10 ms, delivered as an Ogg Opus file.
 */
const RECORDING = join(__dirname, '..', 'fixtures', 'recorded', 'coze-py', 'chat_audio_stream_resp.txt');

/** opusinfo (Debian opus-tools) is the real decoder the Ogg answers are checked with; .ci/run installs it. */
const OPUSINFO = spawnSync('opusinfo', ['-V'], { encoding: 'utf8' }).status === 0;
const withOpusinfo = OPUSINFO ? it : it.skip;
if (!OPUSINFO) console.warn('voice.test.ts: opusinfo is not installed (apt-get install -y opus-tools), so the Ogg Opus decoder check is skipped');

interface OggPage {
	flags: number;
	granule: bigint;
	serial: number;
	sequence: number;
	crcOk: boolean;
	packets: Buffer[];
}

/** Splits an Ogg stream into pages and packets (RFC 3533), checking each page's CRC with the simulator's own CRC. */
function oggPages(file: Buffer): OggPage[] {
	const pages: OggPage[] = [];
	let at = 0;
	let pending: Buffer[] = [];
	while (at < file.length) {
		expect(file.toString('latin1', at, at + 4)).toBe('OggS');
		expect(file[at + 4]).toBe(0);
		const count = file[at + 26];
		const lacing = [...file.subarray(at + 27, at + 27 + count)];
		const size = 27 + count + lacing.reduce((sum, n) => sum + n, 0);
		const page = Buffer.from(file.subarray(at, at + size));
		const crc = page.readUInt32LE(22);
		page.writeUInt32LE(0, 22);
		const packets: Buffer[] = [];
		let offset = at + 27 + count;
		for (const n of lacing) {
			pending.push(file.subarray(offset, offset + n));
			offset += n;
			if (n < 255) {
				packets.push(Buffer.concat(pending));
				pending = [];
			}
		}
		pages.push({
			flags: file[at + 5],
			granule: file.readBigInt64LE(at + 6),
			serial: file.readUInt32LE(at + 14),
			sequence: file.readUInt32LE(at + 18),
			crcOk: oggCrc(page) === crc,
			packets,
		});
		at += size;
	}
	expect(pending).toEqual([]);
	return pages;
}

function opusinfo(file: Buffer): { status: number | null; output: string } {
	const dir = mkdtempSync(join(tmpdir(), 'coze-voice-'));
	try {
		writeFileSync(join(dir, 'answer.ogg'), file);
		const run = spawnSync('opusinfo', [join(dir, 'answer.ogg')], { encoding: 'utf8' });
		return { status: run.status, output: `${run.stdout}${run.stderr}` };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('Coze Chat voice answers inside n8n-core', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 2 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeChat()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const send = (parameters: Record<string, unknown>, runOptions: Parameters<Harness['run']>[1] = {}) =>
		harness.run(
			{
				type: 'cozeChat',
				parameters: {
					operation: 'sendMessage',
					botId: { __rl: true, mode: 'id', value: BOTS.echo },
					userId: 'user-1',
					message: 'hi',
					...parameters,
				},
				credentials: { cozeApi: credential },
			},
			runOptions,
		);
	const voiceItem = (name: string, mimeType: string, bytes = Buffer.alloc(64)) => ({
		items: [{ json: {}, binary: { voice: { data: bytes.toString('base64'), mimeType, fileName: name } } }],
	});
	const partsSent = () => {
		const body = sim.requests.find((r) => r.path === '/v3/chat')?.body as { additional_messages: Array<{ content: string }> };
		return JSON.parse(body.additional_messages.at(-1)?.content ?? '[]') as Array<Record<string, string>>;
	};

	it("replays coze-py's voice recording verbatim: the WAV holds all 70,944 audio bytes sent after chat.completed", async () => {
		const recording = readFileSync(RECORDING);
		// The recording's payload: the base64 content of its one conversation.audio.delta, decoded.
		const lines = recording.toString('utf8').split('\n');
		const deltaAt = lines.indexOf('event:conversation.audio.delta');
		const payload = Buffer.from((JSON.parse(lines[deltaAt + 1].slice('data:'.length)) as { content: string }).content, 'base64');
		expect(payload.length).toBe(70944);
		expect(lines.indexOf('event:conversation.chat.completed')).toBeLessThan(deltaAt);
		expect(lines.indexOf('event:done')).toBeGreaterThan(deltaAt);
		sim.addFault({ path: '/v3/chat', fault: { kind: 'status', status: 200, body: recording, headers: { 'Content-Type': 'text/event-stream' } } });

		const { items, error } = await send({ message: '={{ "" }}', options: { binaryProperties: 'voice' } }, voiceItem('question.wav', 'audio/wav'));
		expect(error).toBeUndefined();
		expect(partsSent().map((p) => p.type)).toEqual(['audio']);
		expect(items[0].json).toMatchObject({ answer: 'delta text', status: 'completed', chat_id: 'chat_id', audio_seconds: 1.48 });
		const audio = items[0].binary?.audio;
		expect(audio).toMatchObject({ mimeType: 'audio/wav', fileExtension: 'wav', fileName: 'answer-chat_id.wav' });
		const wav = Buffer.from(String(audio?.data), 'base64');
		expect([wav.toString('ascii', 0, 4), wav.toString('ascii', 8, 12), wav.toString('ascii', 36, 40)]).toEqual(['RIFF', 'WAVE', 'data']);
		expect([wav.readUInt16LE(20), wav.readUInt16LE(22), wav.readUInt32LE(24), wav.readUInt16LE(34)]).toEqual([1, 1, 24000, 16]);
		expect(wav.readUInt32LE(40)).toBe(70944);
		expect(wav.subarray(44).equals(payload)).toBe(true);
	});

	it('the simulator sends the voice answer in the recorded order (after chat.completed, before done), and the node keeps it', async () => {
		const { items, error } = await send({ options: { binaryProperties: 'voice', outputMode: 'events' } }, voiceItem('question.wav', 'audio/wav'));
		expect(error).toBeUndefined();
		const events = (items[0].json.events as Array<{ event: string }>).map((e) => e.event);
		expect(events.slice(-4)).toEqual(['conversation.chat.completed', 'conversation.audio.delta', 'conversation.audio.delta', 'done']);
		const wav = Buffer.from(String(items[0].binary?.audio?.data), 'base64');
		expect(wav.subarray(44).equals(Buffer.concat(voiceDeltas('pcm')))).toBe(true);
		expect(items[0].json.audio_seconds).toBe(0.2);
	});

	it('audio deltas before message.completed (the other order) are kept as well', async () => {
		setAudioBeforeCompleted(sim, true);
		const { items, error } = await send({ options: { binaryProperties: 'voice' } }, voiceItem('question.wav', 'audio/wav'));
		expect(error).toBeUndefined();
		expect(Buffer.from(String(items[0].binary?.audio?.data), 'base64').readUInt32LE(40)).toBe(9600);
	});

	it('an Ogg/Opus question (Telegram voice note) is answered with an Ogg Opus file: 48 kHz, OpusHead, OpusTags, pages, granules, CRC', async () => {
		const { items, error } = await send({ options: { binaryProperties: 'voice' } }, voiceItem('file_7.oga', 'audio/ogg'));
		expect(error).toBeUndefined();
		expect(partsSent().map((p) => p.type)).toEqual(['text', 'audio']);
		const audio = items[0].binary?.audio;
		expect(audio).toMatchObject({ mimeType: 'audio/ogg', fileExtension: 'ogg' });
		expect(audio?.fileName).toMatch(/^answer-\d+\.ogg$/);
		const pages = oggPages(Buffer.from(String(audio?.data), 'base64'));
		expect(pages.every((p) => p.crcOk)).toBe(true);
		expect(pages.map((p) => p.sequence)).toEqual(pages.map((_, i) => i));
		expect(new Set(pages.map((p) => p.serial)).size).toBe(1);
		expect(pages.map((p) => p.flags)).toEqual([0x02, 0, 0x04]);
		const [head] = pages[0].packets;
		expect(head.toString('latin1', 0, 8)).toBe('OpusHead');
		// version 1, mono, pre-skip 312, input rate 48 kHz, gain 0, mapping family 0
		expect([head[8], head[9], head.readUInt16LE(10), head.readUInt32LE(12), head.readInt16LE(16), head[18]]).toEqual([1, 1, 312, 48000, 0, 0]);
		expect(pages[1].packets[0].toString('latin1', 0, 8)).toBe('OpusTags');
		expect([pages[0].granule, pages[1].granule]).toEqual([0n, 0n]);
		// The 20 packets of 10 ms the simulator streamed, unchanged, and the granule after them: 20 × 480 samples.
		expect(pages[2].packets).toEqual(voiceDeltas('opus'));
		expect(pages[2].granule).toBe(9600n);
		// Playable length: (9,600 − 312 pre-skip) / 48,000 s.
		expect(items[0].json.audio_seconds).toBe(0.19);
	});

	withOpusinfo('opusinfo (opus-tools) accepts the Ogg Opus answer without a warning and reports its length', async () => {
		const { items, error } = await send({ options: { binaryProperties: 'voice' } }, voiceItem('voice.ogg', 'audio/ogg; codecs=opus'));
		expect(error).toBeUndefined();
		const result = opusinfo(Buffer.from(String(items[0].binary?.audio?.data), 'base64'));
		expect(result.output).not.toMatch(/WARNING|ERROR/i);
		expect(result.status).toBe(0);
		expect(result.output).toMatch(/Original sample rate: 48000 Hz/);
		expect(result.output).toMatch(/Channels: 1/);
		expect(result.output).toMatch(/Packet duration:\s+10\.0ms \(max\)/);
		expect(result.output).toMatch(/Playback length: 0m:00\.193s/);
	});

	it('a voice question by File URL goes as an audio part (chat_v3.md: file_url for audio); .ogg → Ogg answer', async () => {
		const { items, error } = await send({ options: { fileUrls: 'https://example.com/voice/question.ogg?token=1, https://example.com/a.png' } });
		expect(error).toBeUndefined();
		expect(partsSent()).toEqual([
			{ type: 'text', text: 'hi' },
			{ type: 'audio', file_url: 'https://example.com/voice/question.ogg?token=1' },
			{ type: 'image', file_url: 'https://example.com/a.png' },
		]);
		expect(items[0].binary?.audio?.mimeType).toBe('audio/ogg');
	});

	it('Audio URLs send a voice URL without an audio name as audio; WAV answer unless told otherwise', async () => {
		const { items, error } = await send({ options: { audioUrls: 'https://example.com/media/123' } });
		expect(error).toBeUndefined();
		expect(partsSent().map((p) => p.type)).toEqual(['text', 'audio']);
		expect(items[0].binary?.audio?.mimeType).toBe('audio/wav');
	});

	it('a voice question sent in Additional Messages (object_string with an audio part) is read until done too', async () => {
		const history = JSON.stringify([
			{ role: 'user', content_type: 'object_string', content: JSON.stringify([{ type: 'audio', file_url: 'https://example.com/q.opus' }]) },
		]);
		const { items, error } = await send({ message: '={{ "" }}', options: { additionalMessages: history } });
		expect(error).toBeUndefined();
		expect(items[0].binary?.audio).toMatchObject({ mimeType: 'audio/ogg', fileExtension: 'ogg' });
	});

	it('a text chat is handed back at chat.completed without waiting for done; a voice chat reads on until done', async () => {
		// "hi" → created, in_progress, 3 answer deltas, answer, verbose, 2 follow-ups, chat.completed: 10 events; the
		// fault stalls the stream for 1.5 s after them (before done, or before the voice answer).
		const events = await send({ options: { outputMode: 'events' } });
		expect((events.items[0].json.events as unknown[]).length).toBe(10);
		sim.addFault({ path: '/v3/chat', fault: { kind: 'idleStream', afterEvents: 10, idleMs: 1500 } });
		let started = Date.now();
		const text = await send({});
		const textMs = Date.now() - started;
		expect(text.error).toBeUndefined();
		expect(textMs).toBeLessThan(1000);
		expect(text.items[0].binary).toBeUndefined();

		sim.addFault({ path: '/v3/chat', fault: { kind: 'idleStream', afterEvents: 10, idleMs: 1500 } });
		started = Date.now();
		const voice = await send({ options: { binaryProperties: 'voice' } }, voiceItem('question.wav', 'audio/wav'));
		expect(voice.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
		expect(voice.items[0].json.audio_seconds).toBe(0.2);
	});

	it('an error event after chat.completed fails a voice chat (the voice answer would be cut), naming why', async () => {
		const voice = voiceItem('question.wav', 'audio/wav');
		const recorded = await send({ options: { binaryProperties: 'voice', outputMode: 'events' } }, voice);
		const completedAt = (recorded.items[0].json.events as Array<{ event: string }>).findIndex((e) => e.event === 'conversation.chat.completed');
		// The error comes after chat.completed and the first audio delta.
		sim.addFault({ path: '/v3/chat', fault: { kind: 'rawErrorEvent', afterEvents: completedAt + 2, text: 'tts failed' } });
		const { error } = await send({ options: { binaryProperties: 'voice' } }, voice);
		expect(error?.message).toMatch(/voice answer was cut off: tts failed/);
	});

	it('Submit Tool Outputs of a voice question: Voice Answer "Expect Ogg Opus" keeps the spoken answer; unknown values are refused', async () => {
		const first = await send(
			{ botId: { __rl: true, mode: 'id', value: BOTS.tools }, message: 'Paris', options: { binaryProperties: 'voice' } },
			voiceItem('note.opus', 'audio/opus'),
		);
		expect(first.items[0].json.status).toBe('requires_action');
		const submit = (options: Record<string, string>) =>
			harness.run({
				type: 'cozeChat',
				parameters: {
					operation: 'submitToolOutputs',
					conversationId: first.items[0].json.conversation_id as string,
					chatId: first.items[0].json.chat_id as string,
					toolOutputs: { output: [{ toolCallId: (first.items[0].json.tool_calls as Array<{ id: string }>)[0].id, output: '21 °C' }] },
					options,
				},
				credentials: { cozeApi: credential },
			});
		const wrong = await submit({ voiceAnswer: 'mp3' });
		expect(wrong.error?.message).toMatch(/Voice Answer "mp3"/);
		const second = await submit({ voiceAnswer: 'opus' });
		expect(second.error).toBeUndefined();
		expect(second.items[0].json).toMatchObject({ status: 'completed', audio_seconds: 0.19 });
		expect(second.items[0].binary?.audio?.mimeType).toBe('audio/ogg');
	});
});
