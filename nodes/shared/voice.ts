import { oggOpusFromPackets } from './ogg';
import { wavFromPcm } from './wav';

/**
 * How Coze encodes a voice answer, which follows the question's audio (docs chat_v3.md, Message object, content_type
 * audio): a WAV question → 24 kHz 16-bit mono little-endian PCM; an Ogg/Opus question → 48 kHz mono Opus, 10 ms frames.
 */
export type VoiceFormat = 'pcm' | 'opus';

const OGG_NAME = /\.(ogg|oga|opus)([?#]|$)/i;
const AUDIO_NAME = /\.(wav|ogg|oga|opus|mp3|m4a|aac|amr|pcm|flac)([?#]|$)/i;

/** Whether a file (by MIME type or name) is audio, and so goes to Coze as an `audio` part. */
export function isAudioFile(mimeType: string, name: string): boolean {
	return /^audio\//i.test(mimeType) || AUDIO_NAME.test(name);
}

/** The answer format Coze uses for a question in this audio file (Telegram / WhatsApp voice notes are Ogg/Opus). */
export function voiceFormatOfFile(mimeType: string, name: string): VoiceFormat {
	return /^audio\/(ogg|opus)\b/i.test(mimeType) || OGG_NAME.test(name) ? 'opus' : 'pcm';
}

export interface VoiceAnswer {
	data: Buffer;
	mimeType: string;
	extension: 'wav' | 'ogg';
	seconds: number;
}

/**
 * The voice answer as a playable file: PCM in a 24 kHz WAV, Opus packets in an Ogg Opus file. Should the Opus deltas
 * already be Ogg pages (they start with "OggS"; not what chat_v3.md describes), they are kept as they came.
 */
export function voiceAnswerFile(chunks: Buffer[], format: VoiceFormat): VoiceAnswer {
	if (format === 'opus') {
		const joined = Buffer.concat(chunks);
		if (joined.subarray(0, 4).toString('latin1') === 'OggS') {
			return { data: joined, mimeType: 'audio/ogg', extension: 'ogg', seconds: oggSeconds(joined) };
		}
		const ogg = oggOpusFromPackets(chunks);
		return { data: ogg.file, mimeType: 'audio/ogg', extension: 'ogg', seconds: ogg.seconds };
	}
	const pcm = Buffer.concat(chunks);
	return { data: wavFromPcm(pcm), mimeType: 'audio/wav', extension: 'wav', seconds: pcm.length / 48000 };
}

/** Seconds of an Ogg Opus stream: the last page's granule position minus the pre-skip, at 48 kHz. */
function oggSeconds(file: Buffer): number {
	const last = file.lastIndexOf('OggS', undefined, 'latin1');
	const head = file.indexOf('OpusHead', 0, 'latin1');
	if (last < 0 || last + 14 > file.length) return 0;
	const granule = Number(file.readBigInt64LE(last + 6));
	const preSkip = head >= 0 && head + 12 <= file.length ? file.readUInt16LE(head + 10) : 0;
	return Math.max(0, granule - preSkip) / 48000;
}
