import { oggCrc as simulatorCrc } from '../simulator/routes/audio';
import { OPUS_PRE_SKIP, oggOpusFromPackets, opusPacketSamples } from '../../nodes/shared/ogg';
import { voiceAnswerFile } from '../../nodes/shared/voice';

/** Pages of an Ogg stream: lacing values, granule, flags, and whether the CRC matches the simulator's CRC code. */
function pages(file: Buffer) {
	const out: Array<{ lacing: number[]; granule: bigint; flags: number; crcOk: boolean }> = [];
	for (let at = 0; at < file.length;) {
		const lacing = [...file.subarray(at + 27, at + 27 + file[at + 26])];
		const size = 27 + lacing.length + lacing.reduce((a, b) => a + b, 0);
		const page = Buffer.from(file.subarray(at, at + size));
		const crc = page.readUInt32LE(22);
		page.writeUInt32LE(0, 22);
		out.push({ lacing, granule: page.readBigInt64LE(6), flags: page[5], crcOk: simulatorCrc(page) === crc });
		at += size;
	}
	return out;
}

describe('Ogg Opus voice answers (nodes/shared/ogg.ts)', () => {
	it('counts the 48 kHz samples of a packet from its TOC byte (RFC 6716 section 3.1)', () => {
		const samples = (...bytes: number[]) => opusPacketSamples(Buffer.from(bytes));
		expect(samples(0x00, 1)).toBe(480); // SILK NB 10 ms, one frame
		expect(samples(0x18, 1)).toBe(2880); // SILK NB 60 ms
		expect(samples(0x60, 1)).toBe(480); // Hybrid SWB 10 ms
		expect(samples(0x80, 1)).toBe(120); // CELT NB 2.5 ms
		expect(samples(0xf0, 0xff, 0xfe)).toBe(480); // CELT FB 10 ms: what chat_v3.md announces
		expect(samples(0xf1, 1, 1)).toBe(960); // code 1: two frames
		expect(samples(0xf3, 0x03, 1)).toBe(1440); // code 3: frame count 3 in the second byte
		expect(opusPacketSamples(Buffer.alloc(0))).toBe(0);
	});

	it('pages: headers alone, ≤ 50 packets and ≤ 255 lacing values per page, granules after each page, CRC, EOS last', () => {
		const packets = Array.from({ length: 120 }, () => Buffer.from([0xf0, 0xff, 0xfe]));
		const { file, seconds } = oggOpusFromPackets(packets);
		const list = pages(file);
		expect(list.map((p) => p.lacing.length)).toEqual([1, 1, 50, 50, 20]);
		expect(list.map((p) => p.granule)).toEqual([0n, 0n, 24000n, 48000n, 57600n]);
		expect(list.map((p) => p.flags)).toEqual([2, 0, 0, 0, 4]);
		expect(list.every((p) => p.crcOk)).toBe(true);
		expect(seconds).toBe((57600 - OPUS_PRE_SKIP) / 48000);

		const big = pages(oggOpusFromPackets(Array.from({ length: 50 }, () => Buffer.alloc(1275, 0xf0))).file);
		expect(big.every((p) => p.lacing.length <= 255)).toBe(true);
		expect(big.slice(2).map((p) => p.lacing.length)).toEqual([252, 48]); // 42 + 8 packets of 6 lacing values
		// A packet of 510 bytes is laced 255, 255, 0.
		expect(pages(oggOpusFromPackets([Buffer.alloc(510, 0xf0)]).file)[2].lacing).toEqual([255, 255, 0]);
	});

	it('PCM answers become a 24 kHz WAV; Opus deltas that already are Ogg pages are kept as they came', () => {
		const wav = voiceAnswerFile([Buffer.alloc(4800), Buffer.alloc(4800)], 'pcm');
		expect([wav.mimeType, wav.extension, wav.seconds, wav.data.length]).toEqual(['audio/wav', 'wav', 0.2, 44 + 9600]);
		const ogg = oggOpusFromPackets(Array.from({ length: 30 }, () => Buffer.from([0xf0, 0xff, 0xfe]))).file;
		const kept = voiceAnswerFile([ogg.subarray(0, 100), ogg.subarray(100)], 'opus');
		expect(kept.data.equals(ogg)).toBe(true);
		expect(kept.seconds).toBe((30 * 480 - OPUS_PRE_SKIP) / 48000);
	});
});
