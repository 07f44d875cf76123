import type { Simulator } from '../index';
import { cozeId, logId } from '../ids';
import type { MultipartBody } from '../multipart';

/**
 * Audio: text to speech, speech to text, voices (list, clone). Sources (test/simulator/SOURCES.md has the rows):
 * - POST /v1/audio/speech: docs/text_to_speech.md, spec PublicAudioSpeech; coze-js src/resources/audio/speech/speech.ts,
 *   coze-py cozepy/audio/speech/__init__.py (both send input, voice_id, response_format, speed, sample_rate).
 * - POST /v1/audio/transcriptions: docs/audio_transcriptions.md, spec PublicAudioTranscriptions (multipart part `file`),
 *   coze-js transcriptions.ts (toFormData({file})), coze-py transcriptions (files={"file": …}).
 * - GET /v1/audio/voices: docs/list_voices.md, spec PublicListVoice; coze-py voices.list (sends filter_system_voice as
 *   Python's True/False, which requests writes as "True"/"False": accepted case-insensitively here).
 * - POST /v1/audio/voices/clone: docs/clone_voices.md, spec PublicCloneVoice (multipart: voice_name, audio_format, file
 *   required; language, voice_id, preview_text, text, space_id); coze-js and coze-py also send `description` (not in
 *   the doc or the spec: accepted and stored).
 *
 * The audio is real and playable: a sine tone whose length follows the input length and the speed, at the sample
 * rate asked for. The input text rides along as metadata (WAV LIST/INFO ICMT, MP3 ID3v2 TIT2, Opus tag DESCRIPTION)
 * so that speech to text of simulator speech gives the text back (a simulator convenience, not Coze behaviour).
 */

export const SAMPLE_RATES = [8000, 16000, 22050, 24000, 32000, 44100, 48000];
const FORMATS = ['mp3', 'wav', 'pcm', 'ogg_opus'];
const EMOTIONS = ['happy', 'sad', 'angry', 'surprised', 'fear', 'hate', 'excited', 'coldness', 'neutral'];
const MAX_INPUT_BYTES = 1024; // docs/text_to_speech.md: "长度限制为 1024 字节"
const MAX_AUDIO_BYTES = 10 * 1024 * 1024; // docs/audio_transcriptions.md and clone_voices.md: 10 MB
const CLONE_FORMATS = ['wav', 'mp3', 'ogg', 'm4a', 'aac', 'pcm']; // docs/clone_voices.md
const CLONE_LANGUAGES = ['zh', 'en', 'ja', 'es', 'id', 'pt'];
const MAX_TRAINING_TIMES = 10; // docs/clone_voices.md: one voice ID is cloned at most 10 times
const DEFAULT_PREVIEW_TEXT = '你好，我是你的专属AI克隆声音，希望未来可以一起好好相处哦';

/** Milliseconds of speech for a text: 200 ms per character at speed 1 (at least 200 ms). */
export function speechDurationMs(input: string, speed = 1): number {
	return Math.max(200, Math.round(([...input].length * 200) / speed));
}

/** 16-bit signed little-endian mono PCM: a 440 Hz tone, louder or softer per loudness_rate (-50…100 %). */
export function pcmTone(durationMs: number, sampleRate: number, loudnessRate = 0): Buffer {
	const samples = Math.round((durationMs * sampleRate) / 1000);
	const amplitude = Math.round(8000 * (1 + loudnessRate / 100));
	const pcm = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(amplitude * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), i * 2);
	return pcm;
}

/** A canonical 44-byte-header WAV (PCM, mono, 16 bit), with the text in a trailing LIST/INFO ICMT chunk. */
export function wavFile(pcm: Buffer, sampleRate: number, comment = ''): Buffer {
	const header = Buffer.alloc(44);
	let info = Buffer.alloc(0);
	if (comment) {
		const text = Buffer.from(`${comment}\0`, 'utf8');
		const padded = Buffer.concat([text, Buffer.alloc(text.length % 2)]);
		const icmt = Buffer.alloc(8);
		icmt.write('ICMT', 0, 'ascii');
		icmt.writeUInt32LE(text.length, 4);
		const list = Buffer.alloc(12);
		list.write('LIST', 0, 'ascii');
		list.writeUInt32LE(4 + 8 + padded.length, 4);
		list.write('INFO', 8, 'ascii');
		info = Buffer.concat([list, icmt, padded]);
	}
	const dataPad = Buffer.alloc(pcm.length % 2);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + pcm.length + dataPad.length + info.length, 4);
	header.write('WAVE', 8, 'ascii');
	header.write('fmt ', 12, 'ascii');
	header.writeUInt32LE(16, 16); // fmt chunk size
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * 2, 28); // byte rate
	header.writeUInt16LE(2, 32); // block align
	header.writeUInt16LE(16, 34); // bits per sample
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(pcm.length, 40);
	return Buffer.concat([header, pcm, dataPad, info]);
}

function syncsafe(value: number): Buffer {
	return Buffer.from([(value >> 21) & 0x7f, (value >> 14) & 0x7f, (value >> 7) & 0x7f, value & 0x7f]);
}

/** MPEG audio frame layout per sample rate: version bits, sample-rate index, samples per frame, bitrate. */
const MP3_LAYOUT: Record<number, { version: number; rateIndex: number; samplesPerFrame: number; kbps: number; bitrateIndex: number }> = {
	44100: { version: 0b11, rateIndex: 0, samplesPerFrame: 1152, kbps: 64, bitrateIndex: 5 },
	48000: { version: 0b11, rateIndex: 1, samplesPerFrame: 1152, kbps: 64, bitrateIndex: 5 },
	32000: { version: 0b11, rateIndex: 2, samplesPerFrame: 1152, kbps: 64, bitrateIndex: 5 },
	22050: { version: 0b10, rateIndex: 0, samplesPerFrame: 576, kbps: 32, bitrateIndex: 4 },
	24000: { version: 0b10, rateIndex: 1, samplesPerFrame: 576, kbps: 32, bitrateIndex: 4 },
	16000: { version: 0b10, rateIndex: 2, samplesPerFrame: 576, kbps: 32, bitrateIndex: 4 },
	8000: { version: 0b00, rateIndex: 2, samplesPerFrame: 576, kbps: 32, bitrateIndex: 4 }, // MPEG 2.5
};

/**
 * An MP3 stream: an ID3v2.4 tag (TIT2 = the text) and silent MPEG Layer III mono frames (valid headers, zeroed side
 * information and main data, which decoders play as silence) covering the duration.
 */
export function mp3File(durationMs: number, sampleRate: number, title = ''): Buffer {
	const layout = MP3_LAYOUT[sampleRate] ?? MP3_LAYOUT[24000];
	const mpeg1 = layout.version === 0b11;
	const frameBytes = Math.floor(((mpeg1 ? 144 : 72) * layout.kbps * 1000) / sampleRate);
	const frames = Math.max(1, Math.ceil((durationMs * sampleRate) / 1000 / layout.samplesPerFrame));
	const frame = Buffer.alloc(frameBytes);
	frame[0] = 0xff;
	frame[1] = 0xe0 | (layout.version << 3) | (0b01 << 1) | 1; // sync, version, Layer III, no CRC
	frame[2] = (layout.bitrateIndex << 4) | (layout.rateIndex << 2); // no padding
	frame[3] = 0b11 << 6; // mono
	const parts: Buffer[] = [];
	if (title) {
		const text = Buffer.concat([Buffer.from([3]), Buffer.from(title, 'utf8')]); // encoding 3 = UTF-8
		const frameHeader = Buffer.concat([Buffer.from('TIT2', 'ascii'), syncsafe(text.length), Buffer.from([0, 0])]);
		const body = Buffer.concat([frameHeader, text]);
		parts.push(Buffer.concat([Buffer.from('ID3', 'ascii'), Buffer.from([4, 0, 0]), syncsafe(body.length)]), body);
	}
	for (let i = 0; i < frames; i++) parts.push(frame);
	return Buffer.concat(parts);
}

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let i = 0; i < 256; i++) {
		let r = i << 24;
		for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
		table[i] = r >>> 0;
	}
	return table;
})();

/** Ogg's CRC-32 (polynomial 0x04C11DB7, no reflection, initial value 0), over the page with its CRC field zeroed. */
export function oggCrc(page: Buffer): number {
	let crc = 0;
	for (const byte of page) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) & 0xff) ^ byte]) >>> 0;
	return crc >>> 0;
}

function oggPage(packets: Buffer[], granule: bigint, serial: number, sequence: number, flags: number): Buffer {
	const lacing: number[] = [];
	for (const packet of packets) {
		let left = packet.length;
		while (left >= 255) {
			lacing.push(255);
			left -= 255;
		}
		lacing.push(left);
	}
	const header = Buffer.alloc(27 + lacing.length);
	header.write('OggS', 0, 'ascii');
	header[4] = 0; // version
	header[5] = flags;
	header.writeBigInt64LE(granule, 6);
	header.writeUInt32LE(serial, 14);
	header.writeUInt32LE(sequence, 18);
	header.writeUInt32LE(0, 22); // CRC, filled below
	header[26] = lacing.length;
	Buffer.from(lacing).copy(header, 27);
	const page = Buffer.concat([header, ...packets]);
	page.writeUInt32LE(oggCrc(page), 22);
	return page;
}

/**
 * An Ogg Opus stream (RFC 7845): an OpusHead page (mono, pre-skip 312, input rate = the asked sample rate), an
 * OpusTags page (DESCRIPTION = the text) and audio pages of 20 ms CELT silence packets (TOC 0xF8), 50 per page.
 */
export function oggOpusFile(durationMs: number, sampleRate: number, description = ''): Buffer {
	const serial = 0x436f7a65; // "Coze"
	const preSkip = 312;
	const head = Buffer.alloc(19);
	head.write('OpusHead', 0, 'ascii');
	head[8] = 1; // version
	head[9] = 1; // channels
	head.writeUInt16LE(preSkip, 10);
	head.writeUInt32LE(sampleRate, 12);
	head.writeInt16LE(0, 16); // output gain
	head[18] = 0; // mapping family
	const vendor = Buffer.from('coze-simulator', 'utf8');
	const comments = description ? [Buffer.from(`DESCRIPTION=${description}`, 'utf8')] : [];
	const tags = Buffer.concat([
		Buffer.from('OpusTags', 'ascii'),
		Buffer.from(Uint32Array.of(vendor.length).buffer),
		vendor,
		Buffer.from(Uint32Array.of(comments.length).buffer),
		...comments.flatMap((c) => [Buffer.from(Uint32Array.of(c.length).buffer), c]),
	]);
	const pages = [oggPage([head], 0n, serial, 0, 0x02), oggPage([tags], 0n, serial, 1, 0)];
	const packetCount = Math.max(1, Math.ceil(durationMs / 20));
	const silence = Buffer.from([0xf8, 0xff, 0xfe]);
	let written = 0;
	let sequence = 2;
	while (written < packetCount) {
		const count = Math.min(50, packetCount - written);
		written += count;
		const granule = BigInt(preSkip + written * 960);
		pages.push(oggPage(new Array<Buffer>(count).fill(silence), granule, serial, sequence++, written === packetCount ? 0x04 : 0));
	}
	return Buffer.concat(pages);
}

/** The text a simulator audio file carries (see above), if any. */
export function embeddedText(bytes: Buffer): string | undefined {
	if (bytes.subarray(0, 4).toString('ascii') === 'RIFF') {
		const at = bytes.indexOf('ICMT', 12, 'ascii');
		if (at > 0) {
			const size = bytes.readUInt32LE(at + 4);
			return bytes.toString('utf8', at + 8, at + 8 + size).replace(/\0+$/, '');
		}
	}
	if (bytes.subarray(0, 3).toString('ascii') === 'ID3') {
		const at = bytes.indexOf('TIT2', 10, 'ascii');
		if (at > 0) {
			const s = bytes.subarray(at + 4, at + 8);
			const size = (s[0] << 21) | (s[1] << 14) | (s[2] << 7) | s[3];
			return bytes.toString('utf8', at + 11, at + 10 + size);
		}
	}
	if (bytes.subarray(0, 4).toString('ascii') === 'OggS') {
		const at = bytes.indexOf('DESCRIPTION=', 0, 'utf8');
		if (at > 0) {
			const size = bytes.readUInt32LE(at - 4);
			return bytes.toString('utf8', at + 'DESCRIPTION='.length, at + size);
		}
	}
	return undefined;
}

/** Seconds of audio a WAV holds (from its header), when the upload is one. */
function wavSeconds(bytes: Buffer): number | undefined {
	if (bytes.length < 44 || bytes.subarray(0, 4).toString('ascii') !== 'RIFF' || bytes.subarray(8, 12).toString('ascii') !== 'WAVE') return undefined;
	const byteRate = bytes.readUInt32LE(28);
	const data = bytes.indexOf('data', 12, 'ascii');
	return byteRate > 0 && data > 0 ? bytes.readUInt32LE(data + 4) / byteRate : undefined;
}

export interface SimVoice {
	voice_id: string;
	name: string;
	state: 'init' | 'cloned';
	model_type: 'big' | 'small';
	model_name?: string;
	is_system_voice: boolean;
	language_code: string;
	language_name: string;
	preview_text: string;
	preview_audio: string;
	available_training_times: number;
	create_time: number;
	update_time: number;
	support_emotions?: Array<{ emotion: string; display_name: string; emotion_scale_interval: { min: number; max: number; default: number } }>;
	description?: string;
	space_id?: string;
}

const LANGUAGE_NAMES: Record<string, string> = { zh: '中文', en: '英语', ja: '日语', es: '西班牙语', id: '印尼语', pt: '葡萄牙语' };

/** Seeded voices: system voices (big and small models, one with emotions) and one custom voice still to be cloned. */
export const SEED_VOICES: SimVoice[] = [
	{ voice_id: '7426720361733046281', name: 'Cheerful Boy', model_type: 'big', language_code: 'zh' },
	{ voice_id: '7426720361733046282', name: 'Gentle Lady', model_type: 'big', language_code: 'zh', emotions: ['happy', 'sad', 'angry'] },
	{ voice_id: '7426720361733046283', name: 'News Anchor', model_type: 'small', language_code: 'en' },
	{ voice_id: '7426720361733046284', name: 'Storyteller', model_type: 'small', language_code: 'ja' },
].map(({ emotions, ...voice }) => ({
	...voice,
	model_type: voice.model_type as 'big' | 'small',
	state: 'cloned' as const,
	is_system_voice: true,
	language_name: LANGUAGE_NAMES[voice.language_code],
	preview_text: '你好呀',
	preview_audio: `https://example.invalid/voices/${voice.voice_id}.mp3`,
	available_training_times: 0,
	create_time: 1729686510,
	update_time: 1729686510,
	...(emotions
		? {
				support_emotions: emotions.map((emotion) => ({
					emotion,
					display_name: emotion,
					emotion_scale_interval: { min: 1, max: 5, default: 4 },
				})),
			}
		: {}),
}));

export const PENDING_VOICE: SimVoice = {
	voice_id: '7426720361733046290',
	name: 'Not Yet Cloned',
	state: 'init',
	model_type: 'big',
	is_system_voice: false,
	language_code: 'zh',
	language_name: '中文',
	preview_text: DEFAULT_PREVIEW_TEXT,
	preview_audio: '',
	available_training_times: MAX_TRAINING_TIMES,
	create_time: 1729686510,
	update_time: 1729686510,
};

export const voicesOf = (sim: Simulator) =>
	sim.state('voices', () => new Map<string, SimVoice>([...SEED_VOICES, PENDING_VOICE].map((voice) => [voice.voice_id, { ...voice }])));

const MIME: Record<string, string> = { mp3: 'audio/mpeg', wav: 'audio/wav', pcm: 'audio/pcm', ogg_opus: 'audio/ogg' };

function isBool(value: string | undefined): boolean {
	return value !== undefined && /^(true|false)$/i.test(value);
}

export function registerAudioRoutes(sim: Simulator) {
	// docs/text_to_speech.md: JSON body; the answer is the audio file itself (errors: a JSON envelope with code/msg).
	sim.route('POST', '/v1/audio/speech', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const input = typeof body.input === 'string' ? body.input : '';
		const voiceId = typeof body.voice_id === 'string' ? body.voice_id : '';
		if (!input) return ctx.error(4000, 'input is required');
		if (Buffer.byteLength(input, 'utf8') > MAX_INPUT_BYTES) return ctx.error(4000, `input exceeds ${MAX_INPUT_BYTES} bytes`);
		const voice = voicesOf(sim).get(voiceId);
		if (!voiceId || !voice) return ctx.error(4000, `voice_id ${voiceId || '(empty)'} not found`);
		if (voice.state !== 'cloned') return ctx.error(4000, `voice ${voiceId} is not cloned yet`);
		const format = String(body.response_format ?? 'mp3');
		if (!FORMATS.includes(format)) return ctx.error(4000, `response_format must be one of ${FORMATS.join(', ')}`);
		// coze-js and coze-py always send sample_rate (default 24000); the doc's default is 24000 too.
		const sampleRate = Number(body.sample_rate ?? 24000);
		if (!SAMPLE_RATES.includes(sampleRate)) return ctx.error(4000, `sample_rate must be one of ${SAMPLE_RATES.join(', ')}`);
		const speed = Number(body.speed ?? 1);
		if (!(speed >= 0.2 && speed <= 3)) return ctx.error(4000, 'speed must be between 0.2 and 3');
		const loudness = Number(body.loudness_rate ?? 0);
		if (!(loudness >= -50 && loudness <= 100)) return ctx.error(4000, 'loudness_rate must be between -50 and 100');
		if (body.emotion !== undefined && body.emotion !== '') {
			if (!EMOTIONS.includes(String(body.emotion))) return ctx.error(4000, `emotion must be one of ${EMOTIONS.join(', ')}`);
			if (!voice.support_emotions?.some((e) => e.emotion === body.emotion)) {
				return ctx.error(4000, `voice ${voiceId} does not support emotion ${String(body.emotion)}`);
			}
		}
		const scale = Number(body.emotion_scale ?? 4);
		if (!(scale >= 1 && scale <= 5)) return ctx.error(4000, 'emotion_scale must be between 1 and 5');

		const durationMs = speechDurationMs(input, speed);
		let audio: Buffer;
		if (format === 'wav') audio = wavFile(pcmTone(durationMs, sampleRate, loudness), sampleRate, input);
		else if (format === 'pcm') audio = pcmTone(durationMs, sampleRate, loudness);
		else if (format === 'ogg_opus') audio = oggOpusFile(durationMs, sampleRate, input);
		else audio = mp3File(durationMs, sampleRate, input);
		ctx.raw(200, audio, { 'Content-Type': MIME[format], 'Content-Length': String(audio.length), 'X-Tt-Logid': logId() });
	});

	// docs/audio_transcriptions.md: multipart part `file` (spec), ≤ 10 MB; data.text.
	sim.route('POST', '/v1/audio/transcriptions', (ctx) => {
		const body = ctx.req.body as MultipartBody | undefined;
		const file = body?.files?.find((f) => f.field === 'file');
		if (!file) return ctx.error(4000, 'file is required (multipart/form-data part "file")');
		if (file.size === 0) return ctx.error(4000, 'the audio file is empty');
		if (file.size > MAX_AUDIO_BYTES) return ctx.error(4000, 'audio file exceeds 10 MB');
		const bytes = file.bytes ?? Buffer.alloc(0);
		const embedded = embeddedText(bytes);
		const seconds = wavSeconds(bytes);
		const text =
			embedded ?? `Transcript of ${file.filename || 'audio'} (${file.size} bytes${seconds !== undefined ? `, ${seconds.toFixed(1)} s` : ''})`;
		ctx.json({ text });
	});

	// docs/list_voices.md: filter_system_voice, model_type, voice_state (default cloned), page_num, page_size (1-100, 100).
	sim.route('GET', '/v1/audio/voices', (ctx) => {
		const q = ctx.req.query;
		if (q.filter_system_voice !== undefined && !isBool(q.filter_system_voice)) return ctx.error(4000, 'filter_system_voice must be a boolean');
		if (q.model_type && !['big', 'small'].includes(q.model_type)) return ctx.error(4000, 'model_type must be big or small');
		const state = q.voice_state || 'cloned';
		if (!['init', 'cloned', 'all'].includes(state)) return ctx.error(4000, 'voice_state must be init, cloned or all');
		const page = Number(q.page_num ?? 1);
		const size = Number(q.page_size ?? 100);
		if (!Number.isInteger(page) || page < 1) return ctx.error(4000, 'page_num must be ≥ 1');
		if (!Number.isInteger(size) || size < 1 || size > 100) return ctx.error(4000, 'page_size must be between 1 and 100');
		const list = [...voicesOf(sim).values()]
			.filter((v) => !(q.filter_system_voice?.toLowerCase() === 'true' && v.is_system_voice))
			.filter((v) => !q.model_type || v.model_type === q.model_type)
			.filter((v) => state === 'all' || v.state === state);
		const slice = list.slice((page - 1) * size, page * size);
		ctx.json({ voice_list: slice.map(({ description: _d, space_id: _s, ...v }) => v), has_more: page * size < list.length });
	});

	// docs/clone_voices.md: multipart voice_name, audio_format, file (+ language, voice_id, preview_text, text, space_id).
	sim.route('POST', '/v1/audio/voices/clone', (ctx) => {
		const body = ctx.req.body as MultipartBody | undefined;
		if (!body || !Array.isArray(body.files)) return ctx.error(4000, 'voice cloning takes multipart/form-data');
		const fields = body.fields;
		const file = body.files.find((f) => f.field === 'file');
		const name = fields.voice_name ?? '';
		if (!name) return ctx.error(4000, 'voice_name is required');
		if (Buffer.byteLength(name, 'utf8') > 128) return ctx.error(4000, 'voice_name exceeds 128 bytes');
		if (!CLONE_FORMATS.includes(fields.audio_format ?? '')) return ctx.error(4000, `audio_format must be one of ${CLONE_FORMATS.join(', ')}`);
		if (!file || file.size === 0) return ctx.error(4000, 'file is required (multipart/form-data part "file")');
		if (file.size > MAX_AUDIO_BYTES) return ctx.error(4000, 'audio file exceeds 10 MB');
		if (fields.language && !CLONE_LANGUAGES.includes(fields.language))
			return ctx.error(4000, `language must be one of ${CLONE_LANGUAGES.join(', ')}`);
		if (fields.text && Buffer.byteLength(fields.text, 'utf8') > 1024) return ctx.error(4000, 'text exceeds 1024 bytes');
		const now = Math.floor(Date.now() / 1000);
		const voices = voicesOf(sim);
		let voice: SimVoice | undefined;
		if (fields.voice_id) {
			voice = voices.get(fields.voice_id);
			if (!voice || voice.is_system_voice) return ctx.error(4000, `voice_id ${fields.voice_id} is not a custom voice of this account`);
			if (voice.available_training_times <= 0) return ctx.error(4000, `voice ${voice.voice_id} was already trained ${MAX_TRAINING_TIMES} times`);
			voice.available_training_times -= 1;
			voice.update_time = now;
		} else {
			voice = {
				voice_id: cozeId(),
				is_system_voice: false,
				model_type: 'big',
				available_training_times: MAX_TRAINING_TIMES - 1,
				create_time: now,
				update_time: now,
				language_code: 'zh',
				language_name: LANGUAGE_NAMES.zh,
				preview_text: DEFAULT_PREVIEW_TEXT,
				preview_audio: '',
				name,
				state: 'cloned',
			};
			voices.set(voice.voice_id, voice);
		}
		voice.name = name;
		voice.state = 'cloned';
		if (fields.language) {
			voice.language_code = fields.language;
			voice.language_name = LANGUAGE_NAMES[fields.language];
		}
		if (fields.preview_text) voice.preview_text = fields.preview_text;
		voice.preview_audio = `https://example.invalid/voices/${voice.voice_id}.mp3`;
		if (fields.description) voice.description = fields.description;
		if (fields.space_id) voice.space_id = fields.space_id;
		ctx.json({ voice_id: voice.voice_id });
	});
}
