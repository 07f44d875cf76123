import type { Server } from 'http';
import { createServer } from 'http';
import type { AddressInfo } from 'net';

/**
 * A stand-in for an Ollama server (POST /api/chat) so the AI Agent example runs offline. It is not Coze and not part
 * of the Coze simulator: it plays a model that, given tools, calls the first one with the user's words (or, when the user's message is a
 * JSON object, with its values by argument name), and once it
 * has the tool result answers "According to Coze: <result>". Requests are recorded for assertions.
 */
export interface LlmStandIn {
	url: string;
	requests: Array<{
		messages: Array<{ role: string; content: string }>;
		tools?: Array<{ function: { name: string; parameters?: { properties?: Record<string, unknown> } } }>;
	}>;
	close(): Promise<void>;
}

function jsonObject(text: string | undefined): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(text ?? '') as unknown;
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

export async function startLlmStandIn(): Promise<LlmStandIn> {
	const requests: LlmStandIn['requests'] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			if (req.url === '/api/tags') {
				res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ models: [{ name: 'stand-in', model: 'stand-in' }] }));
				return;
			}
			if (req.url !== '/api/chat') {
				res.writeHead(404).end();
				return;
			}
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
			requests.push(body);
			const messages = (body.messages ?? []) as Array<{ role: string; content: string }>;
			const lastUser = [...messages].reverse().find((m) => m.role === 'user');
			const toolResult = messages[messages.length - 1]?.role === 'tool' ? messages[messages.length - 1].content : undefined;
			const tool = body.tools?.[0]?.function;
			const message: Record<string, unknown> = { role: 'assistant', content: '' };
			if (toolResult !== undefined) {
				message.content = `According to Coze: ${toolResult}`;
			} else if (tool) {
				// A user message that is a JSON object gives the arguments by name (typed tool arguments); otherwise every
				// argument gets the user's words.
				const given = jsonObject(lastUser?.content);
				const args = Object.fromEntries(
					Object.keys(tool.parameters?.properties ?? {}).map((key) => [key, given && key in given ? given[key] : (lastUser?.content ?? '')]),
				);
				message.tool_calls = [{ function: { name: tool.name, arguments: args } }];
			} else {
				message.content = `You asked: ${lastUser?.content ?? ''}`;
			}
			const base = { model: body.model ?? 'stand-in', created_at: new Date().toISOString() };
			const final = {
				...base,
				message: { role: 'assistant', content: '' },
				done: true,
				done_reason: 'stop',
				total_duration: 1,
				load_duration: 1,
				prompt_eval_count: 10,
				eval_count: 5,
			};
			if (body.stream === false) {
				res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ...final, message }));
				return;
			}
			res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
			res.write(`${JSON.stringify({ ...base, message, done: false })}\n`);
			res.end(`${JSON.stringify(final)}\n`);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, requests, close: async () => await new Promise<void>((resolve) => server.close(() => resolve())) };
}
