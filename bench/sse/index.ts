/**
 * bench:sse — our SSE parser vs. a naive loop on a ~100 MB Coze chat stream fed in 64 KiB chunks (JSON.parse of
 * every event included in both), measured in the same process; then one 32 MB event through our parser.
 * Last line: `ratio_vs_naive: <our MB/s ÷ naive MB/s>` (target ≥ 1.0).
 */
import { SseParser } from '../../nodes/shared/transport/sse';

const CHUNK = 64 * 1024;
const TARGET_BYTES = 100 * 1024 * 1024;

function buildStream(): Buffer {
	const base = {
		id: '7382159487131697202',
		conversation_id: '7381473525342978089',
		bot_id: '7379462189365198898',
		chat_id: '7382159487131697202',
		section_id: '7381473525342978089',
		role: 'assistant',
		type: 'answer',
		content_type: 'text',
		created_at: 1718609571,
	};
	const words = ['你好', 'hello', '世界', 'world', '扣子', 'Coze', '工作流', 'workflow', '，', ' '];
	const parts: Buffer[] = [];
	let size = 0;
	const push = (event: string, data: unknown) => {
		const b = Buffer.from(`event:${event}\ndata:${JSON.stringify(data)}\n\n`);
		parts.push(b);
		size += b.length;
	};
	push('conversation.chat.created', { ...base, status: 'created' });
	push('conversation.chat.in_progress', { ...base, status: 'in_progress' });
	let i = 0;
	while (size < TARGET_BYTES) {
		const content = `${words[i % 10]}${words[(i * 7) % 10]}${words[(i * 3) % 10]}`;
		push('conversation.message.delta', { ...base, content });
		i++;
	}
	push('conversation.message.completed', { ...base, content: 'done' });
	push('conversation.chat.completed', { ...base, status: 'completed', usage: { token_count: 1, output_count: 1, input_count: 1 } });
	parts.push(Buffer.from('event:done\ndata:"[DONE]"\n\n'));
	console.log(`stream: ${(size / 1048576).toFixed(1)} MB, ${i} delta events`);
	return Buffer.concat(parts);
}

function chunks(buffer: Buffer): Buffer[] {
	const out: Buffer[] = [];
	for (let i = 0; i < buffer.length; i += CHUNK) out.push(buffer.subarray(i, i + CHUNK));
	return out;
}

function runOurs(input: Buffer[]): number {
	const parser = new SseParser();
	let count = 0;
	for (const chunk of input) {
		for (const event of parser.feed(chunk)) {
			JSON.parse(event.data);
			count++;
		}
	}
	for (const event of parser.end()) {
		JSON.parse(event.data);
		count++;
	}
	return count;
}

function runNaive(input: Buffer[]): number {
	const decoder = new TextDecoder('utf-8');
	let buffer = '';
	let count = 0;
	const handle = (block: string) => {
		for (const line of block.split('\n')) {
			if (line.startsWith('data:')) {
				JSON.parse(line.slice(5));
				count++;
			}
		}
	};
	for (const chunk of input) {
		buffer += decoder.decode(chunk, { stream: true });
		const blocks = buffer.split('\n\n');
		buffer = blocks.pop() ?? '';
		for (const block of blocks) handle(block);
	}
	buffer += decoder.decode();
	if (buffer) handle(buffer);
	return count;
}

function measure(name: string, fn: () => number, bytes: number) {
	(globalThis as { gc?: () => void }).gc?.();
	const rssBefore = process.memoryUsage().rss;
	let peak = rssBefore;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	const started = process.hrtime.bigint();
	const events = fn();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	return { name, events, ms, mbps: bytes / 1048576 / (ms / 1000), rssMb: (peak - rssBefore) / 1048576 };
}

function main() {
	const stream = buildStream();
	const input = chunks(stream);
	const best = { ours: Infinity, naive: Infinity };
	const rss = { ours: 0, naive: 0 };
	let events = { ours: 0, naive: 0 };
	for (let round = 0; round < 3; round++) {
		const ours = measure('ours', () => runOurs(input), stream.length);
		const naive = measure('naive', () => runNaive(input), stream.length);
		best.ours = Math.min(best.ours, ours.ms);
		best.naive = Math.min(best.naive, naive.ms);
		rss.ours = Math.max(rss.ours, ours.rssMb);
		rss.naive = Math.max(rss.naive, naive.rssMb);
		events = { ours: ours.events, naive: naive.events };
	}
	if (events.ours !== events.naive) throw new Error(`event counts differ: ${events.ours} vs ${events.naive}`);
	const mb = stream.length / 1048576;
	const oursMbps = mb / (best.ours / 1000);
	const naiveMbps = mb / (best.naive / 1000);
	console.log(`ours:  ${oursMbps.toFixed(1)} MB/s (${best.ours.toFixed(0)} ms, ${events.ours} events), peak RSS growth ${rss.ours.toFixed(1)} MB`);
	console.log(`naive: ${naiveMbps.toFixed(1)} MB/s (${best.naive.toFixed(0)} ms), peak RSS growth ${rss.naive.toFixed(1)} MB`);

	const bigSize = 32 * 1024 * 1024;
	const big = Buffer.concat([Buffer.from('event:conversation.message.completed\ndata:"'), Buffer.alloc(bigSize, 0x61), Buffer.from('"\n\n')]);
	const bigChunks = chunks(big);
	let bigMs = Infinity;
	for (let round = 0; round < 3; round++) {
		(globalThis as { gc?: () => void }).gc?.();
		const started = process.hrtime.bigint();
		const count = runOurs(bigChunks);
		bigMs = Math.min(bigMs, Number(process.hrtime.bigint() - started) / 1e6);
		if (count !== 1) throw new Error('big event not parsed');
	}
	console.log(`big_event_ms: ${bigMs.toFixed(0)}`);
	console.log(`ratio_vs_naive: ${(oursMbps / naiveMbps).toFixed(2)}`);
}

main();
