/**
 * Ogg Opus files (RFC 7845) around raw Opus packets (RFC 6716), for voice answers to an Ogg/Opus question: Coze streams
 * them as 48 kHz mono Opus with 10 ms frames, one base64 packet per `conversation.audio.delta` (docs chat_v3.md,
 * Message object, content_type audio; see test/simulator/SOURCES.md for how the packet framing is read).
 */

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let i = 0; i < 256; i++) {
		let r = i << 24;
		for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
		table[i] = r >>> 0;
	}
	return table;
})();

/** Ogg's CRC-32 (RFC 3533: polynomial 0x04C11DB7, not reflected, initial value 0) over a page whose CRC field is 0. */
export function oggCrc(page: Buffer): number {
	let crc = 0;
	for (const byte of page) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) & 0xff) ^ byte]) >>> 0;
	return crc >>> 0;
}

/**
 * Samples at 48 kHz one Opus packet decodes to, from its TOC byte (RFC 6716 section 3.1: the configuration gives the
 * frame size, the code the frame count; code 3 carries the count in the second byte). 0 for an empty packet.
 */
export function opusPacketSamples(packet: Buffer): number {
	if (packet.length === 0) return 0;
	const config = packet[0] >> 3;
	let frameMs: number;
	if (config < 12)
		frameMs = [10, 20, 40, 60][config % 4]; // SILK-only
	else if (config < 16)
		frameMs = [10, 20][config % 2]; // Hybrid
	else frameMs = [2.5, 5, 10, 20][config % 4]; // CELT-only
	const code = packet[0] & 0x03;
	const frames = code === 0 ? 1 : code === 3 ? (packet.length > 1 ? packet[1] & 0x3f : 0) : 2;
	return Math.round(frameMs * 48) * frames;
}

function page(packets: Buffer[], granule: number, serial: number, sequence: number, flags: number): Buffer {
	const lacing: number[] = [];
	for (const packet of packets) {
		// A packet is laced as 255-byte segments and a last one below 255 (0 when the length is a multiple of 255).
		for (let left = packet.length; ; left -= 255) {
			lacing.push(Math.min(left, 255));
			if (left < 255) break;
		}
	}
	const header = Buffer.alloc(27 + lacing.length);
	header.write('OggS', 0, 'ascii');
	header[4] = 0; // stream structure version
	header[5] = flags;
	header.writeBigInt64LE(BigInt(granule), 6);
	header.writeUInt32LE(serial, 14);
	header.writeUInt32LE(sequence, 18);
	header[26] = lacing.length;
	Buffer.from(lacing).copy(header, 27);
	const out = Buffer.concat([header, ...packets]);
	out.writeUInt32LE(oggCrc(out), 22);
	return out;
}

/** Lacing values a packet takes on a page. */
const segmentsOf = (packet: Buffer) => Math.floor(packet.length / 255) + 1;

/**
 * Samples a decoder drops at the start (OpusHead pre-skip): 312, the encoder delay of libopus at 48 kHz in its VoIP /
 * audio modes (what opusenc writes). Coze does not document its encoder delay; no Opus encoder has less than 120
 * (CELT's 2.5 ms overlap), and opusinfo warns about a pre-skip below that.
 */
export const OPUS_PRE_SKIP = 312;

export interface OggOpus {
	file: Buffer;
	/** Playable length in seconds: (decoded samples − pre-skip) ÷ 48,000, what a decoder reports. */
	seconds: number;
}

/**
 * An Ogg Opus file: an OpusHead page (version 1, mono, pre-skip 312, input rate 48,000 Hz, gain 0, mapping family 0;
 * beginning of stream), an OpusTags page, then the packets on pages of at most 50 packets (0.5 s of 10 ms packets)
 * and 255 lacing values, each page's granule position the 48 kHz sample count after its last packet (RFC 7845
 * section 4: pre-skip samples included), the last page marked end of stream.
 */
export function oggOpusFromPackets(packets: Buffer[], serial = 0x436f7a65): OggOpus {
	const head = Buffer.alloc(19);
	head.write('OpusHead', 0, 'ascii');
	head[8] = 1; // version
	head[9] = 1; // channels: mono (chat_v3.md: 1 channel)
	head.writeUInt16LE(OPUS_PRE_SKIP, 10);
	head.writeUInt32LE(48000, 12); // input sample rate (chat_v3.md: 48kHz)
	head.writeInt16LE(0, 16); // output gain
	head[18] = 0; // channel mapping family 0 (mono / stereo)
	const vendor = Buffer.from('n8n-nodes-coze-api', 'utf8');
	const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
	tags.write('OpusTags', 0, 'ascii');
	tags.writeUInt32LE(vendor.length, 8);
	vendor.copy(tags, 12);
	tags.writeUInt32LE(0, 12 + vendor.length); // no user comments
	const pages = [page([head], 0, serial, 0, 0x02), page([tags], 0, serial, 1, 0)];
	const audio = packets.filter((packet) => packet.length > 0);
	let granule = 0;
	let sequence = 2;
	let onPage: Buffer[] = [];
	let segments = 0;
	const flush = (last: boolean) => {
		pages.push(page(onPage, granule, serial, sequence++, last ? 0x04 : 0));
		onPage = [];
		segments = 0;
	};
	audio.forEach((packet, index) => {
		if (onPage.length === 50 || segments + segmentsOf(packet) > 255) flush(false);
		onPage.push(packet);
		segments += segmentsOf(packet);
		granule += opusPacketSamples(packet);
		if (index === audio.length - 1) flush(true);
	});
	if (audio.length === 0) pages.push(page([], 0, serial, sequence, 0x04));
	return { file: Buffer.concat(pages), seconds: Math.max(0, granule - OPUS_PRE_SKIP) / 48000 };
}
