/**
 * A playable WAV file around raw PCM. Coze streams a voice answer as base64 PCM in `conversation.audio.delta` events:
 * 24 kHz, 16-bit, mono, little-endian (official SDKs: coze-py tests/testdata/chat_audio_stream_resp.txt and its audio
 * helpers). A RIFF header makes it a file any player and n8n's binary preview can use.
 */
export function wavFromPcm(pcm: Buffer, sampleRate = 24000, channels = 1, bitsPerSample = 16): Buffer {
	const header = Buffer.alloc(44);
	const byteRate = (sampleRate * channels * bitsPerSample) / 8;
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + pcm.length, 4);
	header.write('WAVE', 8, 'ascii');
	header.write('fmt ', 12, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(channels, 22);
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(byteRate, 28);
	header.writeUInt16LE((channels * bitsPerSample) / 8, 32);
	header.writeUInt16LE(bitsPerSample, 34);
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(pcm.length, 40);
	return Buffer.concat([header, pcm]);
}
