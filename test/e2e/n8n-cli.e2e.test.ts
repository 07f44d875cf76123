import { readFileSync } from 'fs';
import { join } from 'path';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { BOTS, WORKFLOWS } from '../simulator/seed';
import { N8N_VERSIONS, N8nInstance, REPO } from './n8n';

const example = (name: string) =>
	JSON.parse(readFileSync(join(REPO, 'examples', name), 'utf8')) as Record<string, unknown> & { nodes: Array<Record<string, unknown>> };

/**
 * n8n versions to run the examples on: the newest 2.x and the newest 1.x (each installed by install-n8n.sh <version>);
 * N8N_E2E_VERSIONS (comma-separated) narrows it down.
 */
const VERSIONS = (process.env.N8N_E2E_VERSIONS ?? `${N8N_VERSIONS.v2},${N8N_VERSIONS.v1}`)
	.split(',')
	.map((v) => v.trim())
	.filter(Boolean);

/** The examples, run by the real n8n CLI with our built package, against the Coze simulator. */
describe.each(VERSIONS)('real n8n CLI end to end (n8n %s)', (version) => {
	let sim: Simulator;
	let n8n: N8nInstance;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 2 });
		n8n = new N8nInstance(undefined, { version });
		const issued = sim.issueAccessToken({ kind: 'oauth' });
		await n8n.importCredentials([
			{ id: 'coze-pat', name: 'Coze API (simulator)', type: 'cozeApi', data: { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] } },
			{
				id: 'coze-jwt',
				name: 'Coze JWT (simulator)',
				type: 'cozeJwtApi',
				data: {
					region: 'custom',
					baseUrl: sim.url,
					appId: sim.jwtKeys.appId,
					publicKeyId: sim.jwtKeys.publicKeyId,
					privateKey: sim.jwtKeys.privateKeyPem,
					durationSeconds: 900,
				},
			},
			{
				id: 'coze-oauth',
				name: 'Coze OAuth2 (simulator)',
				type: 'cozeOAuth2Api',
				data: {
					region: 'custom',
					baseUrl: sim.url,
					grantType: 'pkce',
					clientId: sim.oauthClient.clientId,
					oauthTokenData: {
						access_token: issued.accessToken,
						refresh_token: issued.refreshToken,
						token_type: 'Bearer',
						expires_in: issued.expiresIn,
					},
				},
			},
		]);
	});
	afterAll(async () => await sim?.close());
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	it('Coze Chat answers a message (PAT credential)', async () => {
		await n8n.importWorkflow({ ...example('chat-answer-a-message.json'), id: 'e2eChatPat001' });
		const { error, nodes } = await n8n.execute('e2eChatPat001');
		expect(error).toBeUndefined();
		const [answer] = nodes['Coze Chat'];
		expect(answer.answer).toBe('You said: What can you do for our support team?');
		expect(answer.status).toBe('completed');
		expect(String(answer.conversation_id)).toMatch(/^\d{19}$/);
		expect(JSON.stringify(nodes)).not.toContain(sim.patTokens[0]);
	});

	it('multimodal: a binary file from another node is uploaded and sent with the question', async () => {
		await n8n.importWorkflow({ ...example('chat-ask-about-a-file.json'), id: 'e2eChatFile01' });
		const before = sim.requests.length;
		const { error, nodes } = await n8n.execute('e2eChatFile01');
		expect(error).toBeUndefined();
		expect(nodes['Coze Chat'][0].answer).toBe('You said: Summarize the attached report in one sentence. [file: q3-report.txt]');
		const upload = sim.requests.slice(before).find((r) => r.path === '/v1/files/upload');
		expect((upload?.body as { files: Array<{ filename: string; size: number }> }).files[0]).toMatchObject({
			filename: 'q3-report.txt',
			size: Buffer.byteLength('Q3 support report: 1,204 tickets, median first response 2h 10m.'),
		});
	});

	it('tool-call loop: requires_action → Submit Tool Outputs → final answer', async () => {
		await n8n.importWorkflow({ ...example('chat-tool-call-loop.json'), id: 'e2eToolLoop01' });
		const { error, nodes } = await n8n.execute('e2eToolLoop01');
		expect(error).toBeUndefined();
		expect(nodes['Ask Weather Bot'][0].status).toBe('requires_action');
		expect(nodes['Submit Tool Outputs'][0].status).toBe('completed');
		expect(String(nodes['Submit Tool Outputs'][0].answer)).toContain('"temperature":21');
	});

	it.each([
		['JWT service app', 'jwt', 'cozeJwtApi', 'coze-jwt'],
		['OAuth2 with stored tokens', 'oAuth2', 'cozeOAuth2Api', 'coze-oauth'],
	])('Coze Chat with the %s credential', async (_name, authentication, type, id) => {
		const workflow = example('chat-answer-a-message.json');
		const chat = workflow.nodes.find((node) => node.name === 'Coze Chat') as Record<string, unknown>;
		chat.parameters = { ...(chat.parameters as Record<string, unknown>), authentication, botId: { __rl: true, mode: 'id', value: BOTS.thinking } };
		chat.credentials = { [type]: { id, name: id } };
		const workflowId = `e2eChat${authentication}`.padEnd(13, '0').slice(0, 13);
		await n8n.importWorkflow({ ...workflow, id: workflowId });
		const before = sim.requests.length;
		const { error, nodes } = await n8n.execute(workflowId);
		expect(error).toBeUndefined();
		expect(nodes['Coze Chat'][0].answer).toBe('You said: What can you do for our support team?');
		expect(String(nodes['Coze Chat'][0].reasoning_content)).toContain('think');
		const chatRequest = sim.requests.slice(before).find((r) => r.path === '/v3/chat');
		expect(chatRequest?.headers.authorization).toBe('Bearer [redacted:valid]');
		if (authentication === 'jwt') {
			expect(sim.requests.slice(before).some((r) => r.path === '/api/permission/oauth2/token')).toBe(true);
		}
	});

	it('a Coze error becomes an n8n execution error with code and log id', async () => {
		const workflow = example('chat-answer-a-message.json');
		const chat = workflow.nodes.find((node) => node.name === 'Coze Chat') as Record<string, unknown>;
		chat.parameters = { ...(chat.parameters as Record<string, unknown>), botId: { __rl: true, mode: 'id', value: BOTS.draft } };
		await n8n.importWorkflow({ ...workflow, id: 'e2eChatError1' });
		const { error } = await n8n.execute('e2eChatError1');
		expect(error?.message).toContain('code 4200');
	});

	it('Coze Workflow: streamed run, background run, and its result read back', async () => {
		await n8n.importWorkflow({ ...example('workflow-run-and-background.json'), id: 'e2eWorkflow001' });
		const { error, nodes } = await n8n.execute('e2eWorkflow001');
		expect(error).toBeUndefined();
		expect(nodes['Run Workflow'][0]).toMatchObject({ status: 'completed', output: { output: 'weekly churn' } });
		const started = nodes['Start Long Report'][0];
		expect(started.status).toBe('running');
		expect(nodes['Wait for Report'][0]).toMatchObject({
			execute_id: started.execute_id,
			execute_status: 'Success',
			output: { Output: { output: 'report for weekly churn' } },
		});
		expect(sim.requests.some((r) => r.path === `/v1/workflows/${WORKFLOWS.slow}/run_histories/${String(started.execute_id)}`)).toBe(true);
	});

	it('Coze Workflow version 2: the start-node inputs as a form, converted and checked, the output typed', async () => {
		await n8n.importWorkflow({ ...example('workflow-run-with-form.json'), id: 'e2eWorkflowV2F' });
		const { error, nodes } = await n8n.execute('e2eWorkflowV2F');
		expect(error).toBeUndefined();
		const run = sim.requests.filter((r) => r.path === '/v1/workflow/run').at(-1);
		expect(run?.body).toEqual({
			workflow_id: WORKFLOWS.typed,
			parameters: { customer: 'Ada Lovelace', count: 3, rush: true, address: { city: 'Berlin' }, tags: ['gift', 'fragile'] },
			ext: { user_id: 'n8n-user' },
		});
		expect(nodes['Run Order Report'][0]).toMatchObject({
			status: 'completed',
			output: { report: '3 for Ada Lovelace', note: '{"rush":true}', total: 28.5 },
		});
	});

	it("Coze Variable: set a user's variables, then read them back", async () => {
		await n8n.importWorkflow({ ...example('variable-remember-user-preferences.json'), id: 'e2eVariable01' });
		const { error, nodes } = await n8n.execute('e2eVariable01');
		expect(error).toBeUndefined();
		expect(nodes['Set Variables'][0]).toMatchObject({ updated: true, city: 'Hangzhou' });
		expect(nodes['Get Variables'][0]).toMatchObject({ city: 'Hangzhou', language: 'zh' });
	});

	it('Coze File + Conversation: upload a binary, create a conversation, add and list messages', async () => {
		await n8n.importWorkflow({ ...example('conversation-with-uploaded-file.json'), id: 'e2eConversat1' });
		const { error, nodes } = await n8n.execute('e2eConversat1');
		expect(error).toBeUndefined();
		const file = nodes['Upload File'][0];
		expect(file).toMatchObject({ file_name: 'q3-report.txt', bytes: Buffer.byteLength('Q3 support report: 1,204 tickets.') });
		expect(nodes['Create Conversation'][0]).toMatchObject({ name: 'Q3 report review', meta_data: { file_id: file.id } });
		expect(nodes['Add Message'][0]).toMatchObject({ role: 'user', content_type: 'object_string' });
		expect(String(nodes['List Messages'][0].content)).toContain(String(file.id));
	});

	it('Coze Knowledge Base: a binary made by another node becomes a processed document', async () => {
		await n8n.importWorkflow({ ...example('dataset-add-file-from-binary.json'), id: 'e2eDataset001' });
		const { error, nodes } = await n8n.execute('e2eDataset001');
		expect(error).toBeUndefined();
		const [document] = nodes['Add to Knowledge Base'];
		expect(document).toMatchObject({ name: 'faq.txt', type: 'txt', status: 1 });
		expect(nodes['List Documents'].map((d) => d.document_id)).toContain(document.document_id);
		const create = sim.requests.find((r) => r.path === '/open_api/knowledge/document/create');
		expect(create?.headers['agw-js-conv']).toBe('str');
	});

	it('Coze Audio: text to speech (a WAV in a binary field), then speech to text gives the text back', async () => {
		await n8n.importWorkflow({ ...example('audio-text-to-speech-and-back.json'), id: 'e2eAudio00001' });
		const { error, nodes } = await n8n.execute('e2eAudio00001');
		expect(error).toBeUndefined();
		expect(nodes['Text to Speech'][0]).toMatchObject({
			response_format: 'wav',
			sample_rate: 16000,
			file_name: 'order-update.wav',
			mime_type: 'audio/wav',
		});
		expect(nodes['Speech to Text'][0]).toMatchObject({ text: 'Your order has shipped and arrives tomorrow.', file_name: 'order-update.wav' });
		const upload = sim.requests.find((r) => r.path === '/v1/audio/transcriptions');
		expect((upload?.body as { files: Array<{ field: string; size: number }> }).files[0]).toMatchObject({
			field: 'file',
			size: nodes['Text to Speech'][0].file_size,
		});
	});

	it("Coze Plugin: read a store plugin's tools, then call one with JSON arguments", async () => {
		await n8n.importWorkflow({ ...example('plugin-call-store-tool.json'), id: 'e2ePlugin0001' });
		const { error, nodes } = await n8n.execute('e2ePlugin0001');
		expect(error).toBeUndefined();
		expect(nodes['Get Plugin'][0]).toMatchObject({ plugin_id: '7545873263293800001', name: '头条新闻' });
		expect((nodes['Call Tool'][0].news as Array<{ title: string }>)[0].title).toBe('Hangzhou autumn holiday (1)');
	});

	it('Coze Bot: create a bot, publish it to the API channel, chat with it', async () => {
		await n8n.importWorkflow({ ...example('bot-create-publish-and-chat.json'), id: 'e2eBotCreate1' });
		const { error, nodes } = await n8n.execute('e2eBotCreate1');
		expect(error).toBeUndefined();
		const [created] = nodes['Create Bot'];
		expect(String(created.bot_id)).toMatch(/^\d{19}$/);
		expect(nodes['Publish Bot'][0]).toMatchObject({ bot_id: created.bot_id, connector_ids: ['1024'] });
		expect(nodes['Coze Chat'][0]).toMatchObject({ answer: 'You said: Where is my order?', status: 'completed' });
	});

	it('Coze Workspace: current user, new workspace, members added and listed', async () => {
		await n8n.importWorkflow({ ...example('workspace-set-up-team.json'), id: 'e2eWorkspace1' });
		const { error, nodes } = await n8n.execute('e2eWorkspace1');
		expect(error).toBeUndefined();
		expect(nodes['Get Current User'][0]).toMatchObject({ user_id: '2150000000000000001' });
		const [workspace] = nodes['Create Workspace'];
		expect(workspace).toMatchObject({
			name: 'Support Night Shift',
			description: 'Bots and workflows of the night shift (created by Simulator User)',
		});
		expect(nodes['Add Members'][0]).toMatchObject({ added_success_user_ids: ['2150000000000000002', '2150000000000000003'] });
		expect(nodes['List Members'].map((m) => m.user_id)).toEqual(['2150000000000000001', '2150000000000000002', '2150000000000000003']);
	});
});
