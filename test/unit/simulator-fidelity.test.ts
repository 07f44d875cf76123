import type { INode } from 'n8n-workflow';

import { readSseEvents } from '../../nodes/shared/transport/sse';
import { collectWorkflowStream } from '../../nodes/shared/workflow';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { setDocumentProcessingMs } from '../simulator/routes/datasets';
import { setDoneAfterInterrupt } from '../simulator/routes/workflows';
import { BOTS, DATASETS, WORKFLOWS, WORKSPACES } from '../simulator/seed';

/** Simulator behaviours of issue 8 ("Real-Coze fidelity"), each following the source cited next to its route. */
describe('simulator fidelity', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	const headers = (extra: Record<string, string> = {}) => ({
		Authorization: `Bearer ${sim.patTokens[0]}`,
		'Content-Type': 'application/json',
		...extra,
	});
	const call = async (method: string, path: string, body?: unknown, extra?: Record<string, string>): Promise<Json> => {
		const response = await fetch(`${sim.url}${path}`, {
			method,
			headers: headers(extra),
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return (await response.json()) as Json;
	};
	const stream = async (path: string, body: unknown) => {
		const response = await fetch(`${sim.url}${path}`, { method: 'POST', headers: headers(), body: JSON.stringify(body) });
		const events: Array<{ event: string; data: string; id?: string }> = [];
		for await (const event of readSseEvents(response.body as unknown as AsyncIterable<Uint8Array>)) events.push(event);
		return events;
	};

	describe('streamed workflow interrupts (docs/workflow_stream_run.md Interrupt example; Coze Studio convertStreamRunEvent)', () => {
		it('ends the stream right after Interrupt, with no Done, by default', async () => {
			const events = await stream('/v1/workflow/stream_run', { workflow_id: WORKFLOWS.question, parameters: {} });
			expect(events.map((e) => e.event)).toEqual(['Message', 'Interrupt']);
			expect(events.map((e) => e.id)).toEqual(['0', '1']);
			const interrupt = JSON.parse(events[1].data) as Json;
			expect(interrupt).toMatchObject({ interrupt_data: { event_id: expect.stringMatching(/^\d+\/\d+$/), type: 2 }, node_title: 'Question' });
			// The resumed stream ends with Done as usual.
			const resumed = await stream('/v1/workflow/stream_resume', {
				workflow_id: WORKFLOWS.question,
				event_id: interrupt.interrupt_data.event_id,
				interrupt_type: 2,
				resume_data: 'Paris',
			});
			expect(resumed.map((e) => e.event)).toEqual(['Message', 'Done']);
			expect(JSON.parse(resumed[0].data).content).toContain('Paris');
		});

		it('also sends Done after Interrupt when switched on', async () => {
			setDoneAfterInterrupt(sim, true);
			const events = await stream('/v1/workflow/stream_run', { workflow_id: WORKFLOWS.question, parameters: {} });
			expect(events.map((e) => e.event)).toEqual(['Message', 'Interrupt', 'Done']);
		});
	});

	it('rawErrorEvent fault: a lowercase `error` event with raw text, then the stream closes (Coze Studio sendStreamRunSSE)', async () => {
		sim.addFault({ path: '/v1/workflow/stream_run', fault: { kind: 'rawErrorEvent', afterEvents: 1, text: 'context deadline exceeded' } });
		const events = await stream('/v1/workflow/stream_run', { workflow_id: WORKFLOWS.streamOnly, parameters: {} });
		expect(events.map((e) => e.event)).toEqual(['Message', 'error']);
		expect(events[1]).toMatchObject({ data: 'context deadline exceeded' });
		expect(events[1].id).toBeUndefined();
	});

	// Was a node bug (issue 8): the collector skipped the lowercase `error` event ("ended before Done" instead of the text).
	it('the workflow collector surfaces the raw text of a lowercase `error` event', async () => {
		sim.addFault({ path: '/v1/workflow/stream_run', fault: { kind: 'rawErrorEvent', afterEvents: 1, text: 'context deadline exceeded' } });
		const response = await fetch(`${sim.url}/v1/workflow/stream_run`, {
			method: 'POST',
			headers: headers(),
			body: JSON.stringify({ workflow_id: WORKFLOWS.streamOnly, parameters: {} }),
		});
		const node: INode = { id: 'n1', name: 'Coze', type: 'n8n-nodes-coze-api.cozeWorkflow', typeVersion: 1, position: [0, 0], parameters: {} };
		const run = collectWorkflowStream(readSseEvents(response.body as unknown as AsyncIterable<Uint8Array>), { node, itemIndex: 0 });
		await expect(run).rejects.toMatchObject({ message: expect.stringContaining('context deadline exceeded') });
	});

	it('serves POST /v3/chat/retrieve (what the SDKs send) like GET', async () => {
		const created = await call('POST', '/v3/chat', {
			bot_id: BOTS.echo,
			user_id: 'u1',
			stream: false,
			additional_messages: [{ role: 'user', type: 'question', content: 'hi', content_type: 'text' }],
		});
		const query = `conversation_id=${created.data.conversation_id}&chat_id=${created.data.id}`;
		const byPost = await call('POST', `/v3/chat/retrieve?${query}`);
		const byGet = await call('GET', `/v3/chat/retrieve?${query}`);
		expect(byPost).toMatchObject({ code: 0, data: { id: created.data.id } });
		expect(byGet).toMatchObject({ code: 0, data: { id: created.data.id } });
	});

	it('serves the deprecated GET /v1/space/published_bots_list (docs/published_bots_list.md)', async () => {
		const page = await call('GET', `/v1/space/published_bots_list?space_id=${WORKSPACES[0].id}&page_index=1&page_size=2`);
		expect(page).toMatchObject({
			code: 0,
			data: { total: 7, space_bots: [{ bot_id: BOTS.echo, bot_name: 'Echo Bot', publish_time: expect.any(String) }, {}] },
		});
		expect(page.data.space_bots).toHaveLength(2);
		const all = await call('GET', `/v1/space/published_bots_list?space_id=${WORKSPACES[0].id}`);
		expect(all.data.space_bots.map((b: Json) => b.bot_id)).not.toContain(BOTS.draft);
	});

	describe('image knowledge base (docs/create_knowledge_files.md, update_image_caption.md)', () => {
		const upload = async (name: string) => {
			const form = new FormData();
			form.append('file', new Blob([Buffer.from('\x89PNG fake image bytes')], { type: 'image/png' }), name);
			const response = await fetch(`${sim.url}/v1/files/upload`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${sim.patTokens[0]}` },
				body: form,
			});
			return ((await response.json()) as Json).data.id as string;
		};
		const addImage = async (fileId: string, chunk: Json | undefined) =>
			await call(
				'POST',
				'/open_api/knowledge/document/create',
				{
					dataset_id: DATASETS.image,
					document_bases: [{ name: 'shoe.png', source_info: { source_file_id: fileId, document_source: 5 } }],
					...(chunk ? { chunk_strategy: chunk } : {}),
					format_type: 2,
				},
				{ 'Agw-Js-Conv': 'str' },
			);

		it('refuses the first image of an empty image knowledge base without chunk_strategy.caption_type; later images may omit it', async () => {
			setDocumentProcessingMs(sim, 0);
			const fileId = await upload('shoe.png');
			expect(await addImage(fileId, {})).toMatchObject({ code: 4000, msg: expect.stringMatching(/caption_type/) });
			expect(await addImage(fileId, { chunk_type: 0 })).toMatchObject({ code: 4000, msg: expect.stringMatching(/caption_type/) });
			const first = await addImage(fileId, { caption_type: 0 });
			expect(first).toMatchObject({ code: 0, document_infos: [{ name: 'shoe.png', format_type: 2 }] });
			const second = await addImage(await upload('bag.png'), {});
			expect(second.code).toBe(0);
			const documentId = first.document_infos[0].document_id as string;
			expect(await call('PUT', `/v1/datasets/${DATASETS.image}/images/${documentId}`, { caption: 'A red shoe' })).toMatchObject({ code: 0 });
			const listed = await call('GET', `/v1/datasets/${DATASETS.image}/images?keyword=red`);
			expect(listed.data.photo_infos).toEqual([expect.objectContaining({ document_id: documentId, caption: 'A red shoe' })]);
		});
	});

	describe('local files by base64 (docs/create_knowledge_files.md: file_type pdf, txt, doc, docx)', () => {
		const add = async (fileType: string) =>
			await call(
				'POST',
				'/open_api/knowledge/document/create',
				{
					dataset_id: DATASETS.text,
					document_bases: [{ name: `notes.${fileType}`, source_info: { file_base64: Buffer.from('hello').toString('base64'), file_type: fileType } }],
					chunk_strategy: { chunk_type: 0 },
					format_type: 0,
				},
				{ 'Agw-Js-Conv': 'str' },
			);
		it.each(['pdf', 'txt', 'doc', 'docx'])('accepts %s', async (type) => expect((await add(type)).code).toBe(0));
		it.each(['md', 'xlsx', ''])('refuses %j', async (type) =>
			expect(await add(type)).toMatchObject({ code: 4000, msg: expect.stringMatching(/file_type/) }),
		);
	});

	describe('variables (docs/read_variable.md)', () => {
		it('GET requires connector_uid; app_id or bot_id', async () => {
			expect((await call('GET', `/v1/variables?bot_id=${BOTS.echo}&connector_uid=u1`)).code).toBe(0);
			expect(await call('GET', `/v1/variables?bot_id=${BOTS.echo}`)).toMatchObject({ code: 4000, msg: expect.stringMatching(/connector_uid/) });
			expect(await call('GET', '/v1/variables?connector_uid=u1')).toMatchObject({ code: 4000, msg: expect.stringMatching(/app_id or bot_id/) });
			sim.reset(); // the contract check flags the missing required query parameter on purpose above
		});
	});

	describe('chat flow (docs/workflow_chat.md)', () => {
		const body = (extra: Json = {}) => ({
			workflow_id: WORKFLOWS.chatflow,
			additional_messages: [{ role: 'user', content: 'hi', content_type: 'text' }],
			parameters: {},
			...extra,
		});
		it('needs parameters, additional_messages and app_id or bot_id', async () => {
			const events = await stream('/v1/workflows/chat', body({ bot_id: BOTS.echo }));
			expect(events.map((e) => e.event)).toContain('conversation.chat.completed');
			expect(await call('POST', '/v1/workflows/chat', body())).toMatchObject({ code: 4000, msg: expect.stringMatching(/app_id or bot_id/) });
			expect(await call('POST', '/v1/workflows/chat', body({ bot_id: BOTS.echo, parameters: undefined }))).toMatchObject({
				code: 4000,
				msg: expect.stringMatching(/parameters/),
			});
			sim.reset(); // the contract check flags the missing required field on purpose
		});
	});
});
