import { Container } from '@n8n/di';
import { mkdtempSync } from 'fs';
import { BinaryDataService, FileLocation } from 'n8n-core';
import type { IBinaryData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { tmpdir } from 'os';
import { join } from 'path';

import { CozeAudio } from '../../nodes/CozeAudio/CozeAudio.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import type { MultipartBody } from '../simulator/multipart';
import { PENDING_VOICE, SEED_VOICES, oggCrc, speechDurationMs, voicesOf } from '../simulator/routes/audio';

const VOICE = SEED_VOICES[0].voice_id; // big model, no emotions
const EMOTIONAL_VOICE = SEED_VOICES[1].voice_id; // happy, sad, angry

describe('Coze Audio node inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;
	let binaryData: BinaryDataService;

	beforeAll(async () => {
		sim = await startSimulator();
		// n8n's filesystem binary mode, as in a real instance: binaries have an ID and uploads are streamed.
		binaryData = Container.get(BinaryDataService);
		Object.assign((binaryData as unknown as { config: object }).config, {
			mode: 'filesystem',
			localStoragePath: mkdtempSync(join(tmpdir(), 'n8n-coze-audio-')),
		});
		await binaryData.init();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeAudio()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const audio = (parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) =>
		harness.run({ type: 'cozeAudio', parameters, credentials: { cozeApi: credential }, continueOnFail }, { items });
	const speak = (text: string, responseFormat: string, options: IDataObject = {}, extra: INodeParameters = {}) =>
		audio({
			operation: 'textToSpeech',
			text,
			voiceId: { __rl: true, mode: 'id', value: VOICE },
			responseFormat,
			options,
			...extra,
		} as INodeParameters);
	const bytesOf = async (binary: IBinaryData) => (binary.id ? await binaryData.getAsBuffer(binary) : Buffer.from(binary.data, 'base64'));
	const speechRequests = () => sim.requests.filter((r) => r.path === '/v1/audio/speech');

	it('Text to Speech: WAV with a real RIFF header, the asked sample rate and a length that follows text and speed', async () => {
		const text = 'Your order has shipped.';
		const { items, error } = await speak(text, 'wav', { sampleRate: 16000 }, { binaryPropertyName: 'voice' });
		expect(error).toBeUndefined();
		const binary = items[0].binary?.voice as IBinaryData;
		expect(binary).toMatchObject({ mimeType: 'audio/wav', fileName: 'speech.wav' });
		const wav = await bytesOf(binary);
		expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
		expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
		expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
		expect(wav.readUInt16LE(20)).toBe(1); // PCM
		expect(wav.readUInt16LE(22)).toBe(1); // mono
		expect(wav.readUInt32LE(24)).toBe(16000);
		expect(wav.readUInt32LE(28)).toBe(32000); // byte rate
		expect(wav.readUInt16LE(34)).toBe(16);
		expect(wav.toString('ascii', 36, 40)).toBe('data');
		const dataBytes = wav.readUInt32LE(40);
		expect(dataBytes).toBe(Math.round((speechDurationMs(text) * 16000) / 1000) * 2);
		expect(items[0].json).toMatchObject({ voice_id: VOICE, response_format: 'wav', sample_rate: 16000, file_size: wav.length, input_bytes: 23 });
		expect(String(items[0].json.log_id)).toMatch(/^\d{14}/);
		expect(speechRequests()[0].body).toEqual({ input: text, voice_id: VOICE, response_format: 'wav', sample_rate: 16000 });

		const fast = await speak(text, 'wav', { sampleRate: 16000, speed: 2 });
		const fastWav = await bytesOf(fast.items[0].binary?.data as IBinaryData);
		expect(fastWav.readUInt32LE(40)).toBe(dataBytes / 2);
		const longer = await speak(`${text} ${text}`, 'wav', { sampleRate: 16000 });
		expect((await bytesOf(longer.items[0].binary?.data as IBinaryData)).readUInt32LE(40)).toBeGreaterThan(dataBytes * 1.9);
	});

	it('Text to Speech: MP3 (default), raw PCM and Ogg Opus are valid streams with the right MIME type and file name', async () => {
		const text = '你好，欢迎使用扣子';
		const mp3 = await speak(text, 'mp3');
		const mp3Binary = mp3.items[0].binary?.data as IBinaryData;
		expect(mp3Binary).toMatchObject({ mimeType: 'audio/mpeg', fileName: 'speech.mp3' });
		const mp3Bytes = await bytesOf(mp3Binary);
		expect(mp3Bytes.toString('ascii', 0, 3)).toBe('ID3');
		const tagSize = ((mp3Bytes[6] << 21) | (mp3Bytes[7] << 14) | (mp3Bytes[8] << 7) | mp3Bytes[9]) + 10;
		// MPEG-2 Layer III, no CRC; 32 kbps, 24 kHz (the default sample rate), mono; frames of 72 * 32000 / 24000 = 96 bytes.
		expect([...mp3Bytes.subarray(tagSize, tagSize + 4)]).toEqual([0xff, 0xf3, 0x44, 0xc0]);
		const frames = (mp3Bytes.length - tagSize) / 96;
		expect(frames).toBe(Math.ceil((speechDurationMs(text) * 24000) / 1000 / 576));
		for (let i = 0; i < frames; i++) expect(mp3Bytes.readUInt16BE(tagSize + i * 96)).toBe(0xfff3);

		const pcm = await speak(
			text,
			'pcm',
			{ sampleRate: 8000, loudnessRate: 50 },
			{ options: { sampleRate: 8000, loudnessRate: 50, fileName: 'hello.pcm' } },
		);
		const pcmBinary = pcm.items[0].binary?.data as IBinaryData;
		expect(pcmBinary).toMatchObject({ mimeType: 'audio/pcm', fileName: 'hello.pcm' });
		const pcmBytes = await bytesOf(pcmBinary);
		expect(pcmBytes.length).toBe(Math.round((speechDurationMs(text) * 8000) / 1000) * 2);
		let peak = 0;
		for (let i = 0; i < pcmBytes.length; i += 2) peak = Math.max(peak, Math.abs(pcmBytes.readInt16LE(i)));
		expect(peak).toBeGreaterThan(11000); // 8000 * 1.5, a tone and not silence

		const ogg = await speak(text, 'ogg_opus', { sampleRate: 48000 });
		const oggBinary = ogg.items[0].binary?.data as IBinaryData;
		expect(oggBinary).toMatchObject({ mimeType: 'audio/ogg', fileName: 'speech.ogg' });
		const oggBytes = await bytesOf(oggBinary);
		const pages: Buffer[] = [];
		for (let at = 0; at < oggBytes.length;) {
			expect(oggBytes.toString('ascii', at, at + 4)).toBe('OggS');
			const segments = oggBytes[at + 26];
			const bodySize = [...oggBytes.subarray(at + 27, at + 27 + segments)].reduce((a, b) => a + b, 0);
			const page = Buffer.from(oggBytes.subarray(at, at + 27 + segments + bodySize));
			const crc = page.readUInt32LE(22);
			page.writeUInt32LE(0, 22);
			expect(oggCrc(page)).toBe(crc);
			pages.push(page);
			at += page.length;
		}
		expect(pages[0][5]).toBe(0x02); // beginning of stream
		expect(pages[0].toString('ascii', 28, 36)).toBe('OpusHead');
		expect(pages[0].readUInt32LE(28 + 12)).toBe(48000);
		expect(pages[1].toString('ascii', 28, 36)).toBe('OpusTags');
		expect(pages[pages.length - 1][5]).toBe(0x04); // end of stream
		const granule = Number(pages[pages.length - 1].readBigInt64LE(6));
		expect(granule - 312).toBe(Math.ceil(speechDurationMs(text) / 20) * 960);
		expect(sim.requests.length).toBe(3);
	});

	it('Text to Speech: emotion options are sent as documented; over 1024 bytes is refused before the call', async () => {
		const { error } = await audio({
			operation: 'textToSpeech',
			text: 'Great news!',
			voiceId: { __rl: true, mode: 'list', value: EMOTIONAL_VOICE },
			responseFormat: 'mp3',
			options: { emotion: 'happy', emotionScale: 4.5, speed: 1.2, contextTexts: 'cheerful' },
		});
		expect(error).toBeUndefined();
		expect(speechRequests()[0].body).toEqual({
			input: 'Great news!',
			voice_id: EMOTIONAL_VOICE,
			response_format: 'mp3',
			emotion: 'happy',
			emotion_scale: 4.5,
			speed: 1.2,
			context_texts: 'cheerful',
		});

		const fits = await speak('中'.repeat(341), 'mp3'); // 1023 bytes
		expect(fits.error).toBeUndefined();
		const tooLong = await speak('中'.repeat(342), 'mp3'); // 1026 bytes
		expect(tooLong.error?.message).toMatch(/1026 bytes .*1024 bytes/);
		expect(String(tooLong.error?.description)).toMatch(/Split the text/);
		expect(speechRequests().length).toBe(2);
		const empty = await speak('  ', 'mp3');
		expect(empty.error?.message).toMatch(/Enter the text/);
	});

	it('Text to Speech: a Coze error (JSON instead of audio) becomes a node error with code, message and log id', async () => {
		const unknown = await audio({
			operation: 'textToSpeech',
			text: 'hi',
			voiceId: { __rl: true, mode: 'id', value: '7000000000000000000' },
			responseFormat: 'wav',
		});
		expect(unknown.error?.message).toMatch(/4000/);
		expect(unknown.error?.message).toMatch(/voice_id 7000000000000000000 not found/);
		expect(String(unknown.error?.description)).toMatch(/Log ID: \S+/);

		sim.addFault({ path: '/v1/audio/speech', fault: { kind: 'envelope', code: 4101, msg: 'The token you entered is incorrect' } });
		const denied = await speak('hi', 'mp3');
		expect(denied.error?.message).toMatch(/4101/);
		expect(String(denied.error?.description)).toMatch(/Log ID: \S+/);

		// continueOnFail: the failing item becomes an error item, the other item still gets its audio.
		const mixed = await audio(
			{ operation: 'textToSpeech', text: '={{ $json.text }}', voiceId: { __rl: true, mode: 'id', value: VOICE }, responseFormat: 'mp3' },
			[{ json: { text: 'x'.repeat(1025) } }, { json: { text: 'fine' } }],
			true,
		);
		expect(mixed.items[0].json.error).toMatch(/1025 bytes/);
		expect(mixed.items[1].binary?.data).toMatchObject({ mimeType: 'audio/mpeg' });
		expect(mixed.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1]);
	});

	it('Speech to Text: streams the binary as multipart part "file" and returns the text (round trip of Text to Speech)', async () => {
		const text = 'Please call me back tomorrow at ten.';
		const spoken = await speak(text, 'wav', { sampleRate: 16000 });
		const wav = spoken.items[0].binary?.data as IBinaryData;
		expect(wav.id).toBeTruthy(); // filesystem mode: the upload below is streamed from n8n's store
		const { items, error } = await audio({ operation: 'speechToText', binaryPropertyName: 'data' }, spoken.items);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ text, file_name: 'speech.wav', mime_type: 'audio/wav' });
		const upload = sim.requests.find((r) => r.path === '/v1/audio/transcriptions')?.body as MultipartBody;
		expect(upload.files).toEqual([
			expect.objectContaining({ field: 'file', filename: 'speech.wav', contentType: 'audio/wav', size: (await bytesOf(wav)).length }),
		]);
		expect(upload.fields).toEqual({});

		// The other formats carry the text too (ID3 title, Opus tags); in-memory binaries go as a FormData body.
		for (const format of ['mp3', 'ogg_opus']) {
			const other = await speak('第二段', format);
			const bytes = await bytesOf(other.items[0].binary?.data as IBinaryData);
			const inline = { data: bytes.toString('base64'), mimeType: 'audio/mpeg', fileName: `clip.${format}` };
			const result = await audio({ operation: 'speechToText', binaryPropertyName: 'data' }, [{ json: {}, binary: { data: inline } }]);
			expect(result.items[0].json.text).toBe('第二段');
		}
	});

	it('Speech to Text: files over 10 MB and missing fields are refused before the call', async () => {
		const { Readable } = await import('stream');
		const big = await binaryData.store(FileLocation.ofExecution('harness', 'audio-big'), Readable.from([Buffer.alloc(10 * 1024 * 1024 + 1)]), {
			data: '',
			mimeType: 'audio/wav',
			fileName: 'long-call.wav',
		});
		const tooBig = await audio({ operation: 'speechToText', binaryPropertyName: 'data' }, [{ json: {}, binary: { data: big } }]);
		expect(tooBig.error?.message).toMatch(/"long-call.wav" is 10485761 bytes; Coze transcribes audio files up to 10 MB/);
		const missing = await audio({ operation: 'speechToText', binaryPropertyName: 'recording' }, [{ json: {} }]);
		expect(missing.error?.message).toMatch(/recording|binary/i);
		expect(sim.requests.length).toBe(0);
	});

	it('List Voices: filters as documented, Limit and Return All over several pages', async () => {
		const all = await audio({ operation: 'listVoices', returnAll: true });
		expect(all.items.map((i) => i.json.voice_id)).toEqual(SEED_VOICES.map((v) => v.voice_id)); // cloned only (Coze's default)
		const small = await audio({ operation: 'listVoices', returnAll: true, filters: { modelType: 'small' } });
		expect(small.items.map((i) => i.json.name)).toEqual(['News Anchor', 'Storyteller']);
		const pending = await audio({ operation: 'listVoices', returnAll: true, filters: { voiceState: 'init', filterSystemVoice: true } });
		expect(pending.items.map((i) => i.json.voice_id)).toEqual([PENDING_VOICE.voice_id]);
		const query = sim.requests[sim.requests.length - 1].query;
		expect(query).toEqual({ filter_system_voice: 'true', voice_state: 'init', page_num: '1', page_size: '100' });

		for (let i = 0; i < 150; i++) {
			const id = String(7426720361733100000n + BigInt(i));
			voicesOf(sim).set(id, { ...PENDING_VOICE, voice_id: id, name: `Custom ${i}`, state: 'cloned' });
		}
		sim.requests.length = 0;
		const everything = await audio({ operation: 'listVoices', returnAll: true, filters: { filterSystemVoice: true } });
		expect(everything.items).toHaveLength(150);
		expect(sim.requests.map((r) => r.query.page_num)).toEqual(['1', '2']);
		sim.requests.length = 0;
		const limited = await audio({ operation: 'listVoices', returnAll: false, limit: 3 });
		expect(limited.items).toHaveLength(3);
		expect(sim.requests.map((r) => r.query)).toEqual([{ page_num: '1', page_size: '3' }]);
		const byDefault = await audio({ operation: 'listVoices' });
		expect(byDefault.items).toHaveLength(50);
	});

	it('Clone Voice: multipart fields + file; the new voice is listed and speaks; retraining keeps the ID', async () => {
		const sample = await speak('This is my voice sample for cloning.', 'mp3');
		const { items, error } = await audio(
			{
				operation: 'cloneVoice',
				binaryPropertyName: 'data',
				voiceName: 'Support Anna',
				audioFormat: 'auto',
				options: { language: 'en', previewText: 'Hi, this is Anna.', text: 'This is my voice sample for cloning.', spaceId: '7350000000000000001' },
			},
			sample.items,
		);
		expect(error).toBeUndefined();
		const voiceId = String(items[0].json.voice_id);
		expect(items[0].json).toEqual({ voice_id: voiceId, voice_name: 'Support Anna', audio_format: 'mp3', retrained: false });
		const clone = sim.requests.find((r) => r.path === '/v1/audio/voices/clone')?.body as MultipartBody;
		expect(clone.fields).toEqual({
			voice_name: 'Support Anna',
			audio_format: 'mp3',
			language: 'en',
			preview_text: 'Hi, this is Anna.',
			text: 'This is my voice sample for cloning.',
			space_id: '7350000000000000001',
		});
		expect(clone.files).toEqual([expect.objectContaining({ field: 'file', filename: 'speech.mp3', contentType: 'audio/mpeg' })]);

		const custom = await audio({ operation: 'listVoices', returnAll: true, filters: { filterSystemVoice: true } });
		expect(custom.items.map((i) => i.json)).toEqual([
			expect.objectContaining({
				voice_id: voiceId,
				name: 'Support Anna',
				is_system_voice: false,
				state: 'cloned',
				language_code: 'en',
				available_training_times: 9,
			}),
		]);
		const spoken = await audio({
			operation: 'textToSpeech',
			text: 'Hello from Anna',
			voiceId: { __rl: true, mode: 'list', value: voiceId },
			responseFormat: 'wav',
		});
		expect(spoken.error).toBeUndefined();

		const retrained = await audio(
			{ operation: 'cloneVoice', binaryPropertyName: 'data', voiceName: 'Support Anna v2', audioFormat: 'wav', options: { voiceId } },
			spoken.items,
		);
		expect(retrained.items[0].json).toMatchObject({ voice_id: voiceId, retrained: true, audio_format: 'wav' });
		expect(voicesOf(sim).get(voiceId)).toMatchObject({ name: 'Support Anna v2', available_training_times: 8 });

		const unknownFormat = await audio({ operation: 'cloneVoice', binaryPropertyName: 'data', voiceName: 'X', audioFormat: 'auto' }, [
			{ json: {}, binary: { data: { data: Buffer.from('abc').toString('base64'), mimeType: 'application/octet-stream', fileName: 'blob' } } },
		]);
		expect(unknownFormat.error?.message).toMatch(/Cannot tell the audio format of "blob"/);
		const systemVoice = await audio(
			{ operation: 'cloneVoice', binaryPropertyName: 'data', voiceName: 'X', audioFormat: 'wav', options: { voiceId: VOICE } },
			spoken.items,
		);
		expect(systemVoice.error?.message).toMatch(/4000.*not a custom voice/);
		expect(String(systemVoice.error?.description)).toMatch(/Log ID: \S+/);
	});

	it('the voice picker lists voices from List Voices and filters by name', async () => {
		const spec = { type: 'cozeAudio', parameters: { operation: 'textToSpeech' }, credentials: { cozeApi: credential } };
		const all = await harness.listSearch(spec, 'searchVoices');
		expect(all.results.map((r) => r.value)).toEqual(SEED_VOICES.map((v) => v.voice_id));
		expect(all.results[0].name).toBe('Cheerful Boy (system, big, 中文)');
		const filtered = await harness.listSearch(spec, 'searchVoices', 'anchor');
		expect(filtered.results.map((r) => r.name)).toEqual(['News Anchor (system, small, 英语)']);
		expect(new CozeAudio().description.usableAsTool).toBe(true);
	});
});
