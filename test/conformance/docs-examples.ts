import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * Reads the examples of the vendored Coze API pages (test/coze-reference/docs/*.md) at test time, so the tests use
 * them verbatim: every fenced code block is a request (curl or `METHOD url`), a JSON response or an SSE stream.
 */

export const DOCS_DIR = join(__dirname, '..', 'coze-reference', 'docs');

export interface DocRequest {
	method: string;
	url: URL;
	headers: Record<string, string>;
	/** Raw body text (JSON usually). */
	body?: string;
	/** multipart parts from `--form 'name=@"path"'` / `-F`. */
	form?: Array<{ name: string; file?: string; value?: string }>;
	source: string;
}

export interface DocExamples {
	page: string;
	requests: DocRequest[];
	/** JSON response bodies (comments stripped; parse with parseLenientJson). */
	responses: string[];
	/** SSE stream bodies, verbatim. */
	streams: string[];
}

/** Fenced blocks, dedented by their fence's indentation (the pages indent examples inside tabs and lists). */
export function codeBlocks(markdown: string): Array<{ lang: string; text: string }> {
	const blocks: Array<{ lang: string; text: string }> = [];
	const fence = /^([ \t]*)```(\w*)[^\n]*\n([\s\S]*?)^[ \t]*```/gm;
	for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) {
		const indent = match[1].length;
		const text = match[3]
			.split('\n')
			.map((line) => (line.slice(0, indent).trim() === '' ? line.slice(indent) : line))
			.join('\n');
		blocks.push({ lang: match[2], text });
	}
	return blocks;
}

function parseCurl(text: string, source: string): DocRequest | undefined {
	const joined = text.replace(/\\\r?\n/g, ' ');
	const raw = /^\s*(GET|POST|PUT|DELETE|PATCH)\s+'?(https?:\/\/[^\s']+)'?/m.exec(joined);
	const curl = /(^|\s)curl\s/.test(joined);
	if (!curl && !raw) return undefined;
	const urlText = raw?.[2] ?? /'(https?:\/\/[^']+)'|"(https?:\/\/[^"]+)"|(https?:\/\/\S+)/.exec(joined)?.slice(1).find(Boolean);
	if (!urlText) return undefined;
	const headers: Record<string, string> = {};
	for (const match of joined.matchAll(/(?:--header|-H)\s+'([^']*)'/g)) {
		const [name, ...value] = match[1].split(':');
		headers[name.trim().toLowerCase()] = value.join(':').trim();
	}
	let body: string | undefined;
	const data = /(?:--data-raw|--data-binary|--data|-d)\s+'/.exec(joined);
	if (data) {
		const start = data.index + data[0].length;
		body = joined.slice(start, joined.lastIndexOf("'"));
	} else {
		// A JSON body printed after the URL / headers without --data (modify_message.md `POST url` + body;
		// chat_submit_tool_outputs.md and message_feedback.md curl without --data-raw): what the page means to send.
		const brace = /^\s*\{/m.exec(text);
		if (brace) body = text.slice(brace.index).trim();
	}
	const form: DocRequest['form'] = [];
	for (const match of joined.matchAll(/(?:--form|-F)\s+'([^=]+)=(@)?"?([^'"]*)"?'/g)) {
		form.push(match[2] ? { name: match[1], file: match[3] } : { name: match[1], value: match[3] });
	}
	const explicit = /(?:--request|-X)\s+(\w+)/.exec(joined)?.[1] ?? raw?.[1];
	const method = (explicit ?? (body || form.length ? 'POST' : 'GET')).toUpperCase();
	return { method, url: new URL(urlText.replace(/\s+$/, '')), headers, body, form: form.length ? form : undefined, source };
}

/** JSON with `//` line comments and `......` ellipsis lines removed (the pages annotate their examples). */
export function parseLenientJson(text: string): unknown {
	const cleaned = text
		.split('\n')
		.filter((line) => !/^\s*(\/\/|#|\.{3,})/.test(line))
		.join('\n');
	return JSON.parse(cleaned);
}

export function examplesOf(page: string): DocExamples {
	const markdown = readFileSync(join(DOCS_DIR, `${page}.md`), 'utf8');
	const examples: DocExamples = { page, requests: [], responses: [], streams: [] };
	// Examples live after the first "示例" heading; chat_v3 also has request/response bodies in its parameter tables.
	const start = markdown.search(/^#+\s*示例/m);
	codeBlocks(start >= 0 ? markdown.slice(start) : markdown).forEach((block, index) => {
		const source = `${page}.md example ${index + 1}`;
		const request = parseCurl(block.text, source);
		if (request) return void examples.requests.push(request);
		if (/^\s*(event|data|id)\s*:/m.test(block.text)) return void examples.streams.push(block.text);
		if (/^\s*(\/\/[^\n]*\n\s*)*[{[]/.test(block.text)) examples.responses.push(block.text);
	});
	return examples;
}
