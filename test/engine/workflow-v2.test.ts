import type { IDataObject, INodeExecutionData, INodeProperties, INodeTypeDescription, ResourceMapperField } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import { CozeWorkflowTrigger } from '../../nodes/CozeWorkflowTrigger/CozeWorkflowTrigger.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { WORKFLOWS, WORKSPACES } from '../simulator/seed';

const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const binary = (text: string, fileName: string) => ({ data: Buffer.from(text).toString('base64'), mimeType: 'text/plain', fileName });

/** Issues 17 (item 5) and 20: Coze Workflow version 2 — resources from one registry, start-node inputs as a form. */
describe('Coze Workflow version 2 inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeWorkflow(), new CozeWorkflowTrigger()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const v2 = (parameters: Record<string, unknown>, continueOnFail = false) => ({
		type: 'cozeWorkflow',
		typeVersion: 2,
		parameters: parameters as never,
		credentials: { cozeApi: credential },
		continueOnFail,
	});
	const fieldsOf = async (workflowId: string, version?: string): Promise<ResourceMapperField[]> =>
		(
			await harness.resourceMapping(
				v2({ resource: 'workflow', operation: 'run', workflowId: rl(workflowId), ...(version ? { workflowVersion: rl(version) } : {}) }),
				'getWorkflowInputs',
			)
		).fields;
	/** The stored value of the form as the editor saves it: the fields Coze described and the mapped values. */
	const form = (schema: ResourceMapperField[], value: IDataObject, mappingMode = 'defineBelow') => ({
		mappingMode,
		value,
		matchingColumns: [],
		schema,
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	});
	const runBodies = () => sim.requests.filter((r) => r.path === '/v1/workflow/run').map((r) => r.body as IDataObject);
	const runTyped = async (inputs: ReturnType<typeof form>, items?: INodeExecutionData[], extra: IDataObject = {}) =>
		await harness.run(
			v2({ resource: 'workflow', operation: 'run', workflowId: rl(WORKFLOWS.typed), mode: 'sync', inputMode: 'form', inputs, ...extra }),
			items ? { items } : {},
		);

	describe('the node', () => {
		const description = (version: number) => NodeHelpers.getVersionedNodeType(new CozeWorkflow(), version).description as INodeTypeDescription;

		it('gives new workflows version 2, with resources; version 1 keeps its operations without resources', () => {
			const node = new CozeWorkflow();
			expect(node.description.defaultVersion).toBe(2);
			expect(node.getNodeType().description.version).toBe(2);
			const resource = description(2).properties.find((p) => p.name === 'resource');
			expect(resource?.options?.map((o) => (o as { value: string }).value)).toEqual(['chatFlow', 'run', 'version', 'workflow']);
			const v1 = description(1);
			expect(v1.version).toBe(1);
			expect(v1.properties.some((p) => p.name === 'resource')).toBe(false);
			expect((v1.properties.find((p) => p.name === 'operation')?.options ?? []).map((o) => (o as { value: string }).value).sort()).toEqual(
				['chat', 'get', 'getNodeOutput', 'getRun', 'list', 'listVersions', 'resume', 'run'].sort(),
			);
		});

		it('shows every version-2 field under one resource and operation, and names Get Many getAll', () => {
			const { properties } = description(2);
			const operations = properties.filter((p) => p.name === 'operation');
			const pairs = operations.flatMap((p) =>
				(p.options ?? []).map((o) => `${String(p.displayOptions?.show?.resource)}.${String((o as { value: string }).value)}`),
			);
			expect(pairs.sort()).toEqual(
				['chatFlow.chat', 'run.get', 'run.getNodeOutput', 'run.resume', 'version.getAll', 'workflow.get', 'workflow.getAll', 'workflow.run'].sort(),
			);
			const fields = properties.filter((p: INodeProperties) => !['authentication', 'resource', 'operation'].includes(p.name));
			for (const field of fields) {
				expect(field.displayOptions?.show?.resource).toHaveLength(1);
				expect(field.displayOptions?.show?.operation).toHaveLength(1);
			}
		});
	});

	describe('the form', () => {
		it('lists the start-node variables with their types, required marks and defaults, per version', async () => {
			const latest = await fieldsOf(WORKFLOWS.typed);
			expect(latest.map((f) => [f.displayName, f.required, f.type])).toEqual([
				['customer (string, required)', true, 'string'],
				['count (integer, required)', true, 'number'],
				['price (number)', false, 'number'],
				['rush (boolean)', false, 'boolean'],
				['address (object)', false, 'object'],
				['tags (array of string)', false, 'array'],
				['photo (image)', false, 'string'],
				['attachments (array of file)', false, 'string'],
				['deliver_at (time)', false, 'string'],
			]);
			expect(latest.find((f) => f.id === 'price')?.defaultValue).toBe(9.5);
			expect(latest.find((f) => f.id === 'rush')?.defaultValue).toBe(false);
			const first = await fieldsOf(WORKFLOWS.typed, 'v0.0.1');
			expect(first.map((f) => f.id)).toEqual(['customer', 'count', 'rush']);
			expect(sim.requests.map((r) => `${r.path}?${r.query.include_input_output}`)).toEqual([
				`/v1/workflows/${WORKFLOWS.typed}?true`,
				`/v1/workflows/${WORKFLOWS.typed}/versions?true`,
			]);
			expect((await harness.resourceMapping(v2({ resource: 'workflow', operation: 'run', workflowId: rl('') }), 'getWorkflowInputs')).fields).toEqual(
				[],
			);
		});

		it('sends the same request body as the equivalent JSON, converting text numbers, booleans and JSON text', async () => {
			const schema = await fieldsOf(WORKFLOWS.typed);
			sim.reset();
			const formRun = await runTyped(
				form(schema, {
					customer: 'Ada',
					count: '3',
					price: 2.5,
					rush: 'true',
					address: '{"city": "Berlin"}',
					tags: ['gift', 'fragile'],
					photo: 'https://example.com/shoe.png',
					deliver_at: '2025-07-01 10:00:00',
				}),
			);
			expect(formRun.error).toBeUndefined();
			const json = {
				customer: 'Ada',
				count: 3,
				price: 2.5,
				rush: true,
				address: { city: 'Berlin' },
				tags: ['gift', 'fragile'],
				photo: 'https://example.com/shoe.png',
				deliver_at: '2025-07-01 10:00:00',
			};
			const jsonRun = await harness.run(
				v2({
					resource: 'workflow',
					operation: 'run',
					workflowId: rl(WORKFLOWS.typed),
					mode: 'sync',
					inputMode: 'json',
					parameters: JSON.stringify(json),
				}),
			);
			expect(jsonRun.error).toBeUndefined();
			const [fromForm, fromJson] = runBodies();
			expect(fromForm).toEqual({ workflow_id: WORKFLOWS.typed, parameters: json });
			expect(fromForm).toEqual(fromJson);
			expect(formRun.items[0].json.output).toEqual(jsonRun.items[0].json.output);
			expect((formRun.items[0].json.output as IDataObject).report).toBe('3 for Ada');
		});

		it('maps the input item automatically, leaving out empty optional inputs', async () => {
			const schema = await fieldsOf(WORKFLOWS.typed);
			sim.reset();
			const { error } = await runTyped(form(schema, {}, 'autoMapInputData'), [{ json: { customer: 'Bo', count: 2, unrelated: 'x', price: '' } }]);
			expect(error).toBeUndefined();
			expect(runBodies()[0].parameters).toEqual({ customer: 'Bo', count: 2 });
		});

		it('fails an item with a missing required input or a wrong type before any request, naming variable, type and item', async () => {
			const schema = await fieldsOf(WORKFLOWS.typed);
			sim.reset();
			const missing = await runTyped(form(schema, { customer: '={{ $json.name }}', count: 1 }), [{ json: { name: 'Ada' } }, { json: {} }]);
			expect(missing.error?.message).toBe('The workflow input "customer" (string) is required [item 1]');
			expect(runBodies()).toHaveLength(1); // item 0 ran; item 1 failed before its request
			sim.reset();
			// Values from expressions (n8n itself flags wrong fixed values in the editor and refuses to start).
			const cases: Array<[unknown, IDataObject, string]> = [
				['three', { count: '={{ $json.v }}' }, 'The workflow input "count" (integer) expects a whole number, got "three" [item 0]'],
				[2.5, { count: '={{ $json.v }}' }, 'The workflow input "count" (integer) expects a whole number, got 2.5 [item 0]'],
				['yes', { count: 1, rush: '={{ $json.v }}' }, 'The workflow input "rush" (boolean) expects true or false, got "yes" [item 0]'],
				[
					[1],
					{ count: 1, address: '={{ $json.v }}' },
					'The workflow input "address" (object) expects an object (or its JSON text), got [1] [item 0]',
				],
				[{ a: 1 }, { count: 1, customer: '={{ $json.v }}' }, 'The workflow input "customer" (string) expects text, got {"a":1} [item 0]'],
			];
			for (const [v, value, message] of cases) {
				const { error } = await runTyped(form(schema, { customer: 'A', ...value }), [{ json: { v } as IDataObject }]);
				expect(error?.message).toEqual(message);
			}
			const file = await runTyped(form(schema, { customer: 'A', count: 1, photo: 'nope' }), [{ json: {}, binary: { data: binary('x', 'x.txt') } }]);
			expect(file.error?.message).toBe(
				'The workflow input "photo" (image) expects the name of a binary property of the item, a file ID or a URL, got "nope" [item 0]',
			);
			expect(file.error?.description).toBe('The item has binary properties: data.');
			expect(sim.requests).toEqual([]);
		});

		it('uploads file inputs from the item binary and passes file IDs and URLs as Coze expects', async () => {
			const schema = await fieldsOf(WORKFLOWS.typed);
			sim.reset();
			const item: INodeExecutionData = { json: {}, binary: { shoe: binary('a photo', 'shoe.png'), invoice: binary('an invoice', 'invoice.txt') } };
			const { error } = await runTyped(
				form(schema, {
					customer: 'Ada',
					count: 1,
					photo: 'shoe',
					attachments: '["invoice", "7400000000000000001", "https://example.com/terms.pdf"]',
				}),
				[item],
			);
			expect(error).toBeUndefined();
			const uploads = sim.requests.filter((r) => r.path === '/v1/files/upload');
			expect(uploads).toHaveLength(2);
			const parameters = runBodies()[0].parameters as IDataObject;
			expect(JSON.parse(parameters.photo as string)).toEqual({ file_id: expect.stringMatching(/^\d+$/) });
			const [invoice, byId, byUrl] = parameters.attachments as string[];
			expect(JSON.parse(invoice)).toEqual({ file_id: expect.stringMatching(/^\d+$/) });
			expect(byId).toBe('{"file_id":"7400000000000000001"}');
			expect(byUrl).toBe('https://example.com/terms.pdf');
		});

		it('keeps the JSON box as Define Inputs → JSON, and runs in the background with the form', async () => {
			const schema = await fieldsOf(WORKFLOWS.typed, 'v0.0.1');
			sim.reset();
			const { items, error } = await runTyped(form(schema, { customer: 'Cy', count: '4', rush: false }), undefined, {
				mode: 'asyncWait',
				workflowVersion: rl('v0.0.1'),
				options: { pollInterval: 1 },
			});
			expect(error).toBeUndefined();
			expect(items[0].json.status).toBe('completed');
			expect(runBodies()[0]).toEqual({
				workflow_id: WORKFLOWS.typed,
				parameters: { customer: 'Cy', count: 4, rush: false },
				workflow_version: 'v0.0.1',
				is_async: true,
			});
		});
	});

	describe('the output', () => {
		it("is shaped by the end node's declared variables: text that holds JSON stays text (version 1 parses it), read once per execution", async () => {
			const schema = await fieldsOf(WORKFLOWS.typed);
			sim.reset();
			const items = [1, 2, 3].map((count) => ({ json: { customer: 'Ada', count, rush: count === 2 } }));
			const typed = await runTyped(form(schema, {}, 'autoMapInputData'), items);
			expect(typed.error).toBeUndefined();
			expect(typed.items.map((i) => (i.json.output as IDataObject).note)).toEqual(['{"rush":false}', '{"rush":true}', '{"rush":false}']);
			expect((typed.items[1].json.output as IDataObject).total).toBe(19);
			expect(((typed.items[1].json.output as IDataObject).received as IDataObject).count).toBe(2);
			expect(sim.requests.filter((r) => r.path === `/v1/workflows/${WORKFLOWS.typed}`)).toHaveLength(1);
			const raw = await runTyped(form(schema, {}, 'autoMapInputData'), items.slice(0, 1), { options: { typedOutput: false } });
			expect((raw.items[0].json.output as IDataObject).note).toEqual({ rush: false });
			const v1 = await harness.run({
				type: 'cozeWorkflow',
				parameters: { operation: 'run', workflowId: rl(WORKFLOWS.typed), mode: 'sync', parameters: '{"customer": "Ada", "count": 1}' },
				credentials: { cozeApi: credential },
			});
			expect((v1.items[0].json.output as IDataObject).note).toEqual({ rush: false });
		});
	});

	describe('Chat With Chat Flow', () => {
		it("shows the chat flow's own start-node inputs (not USER_INPUT / CONVERSATION_NAME) and sends them as parameters", async () => {
			const spec = v2({ resource: 'chatFlow', operation: 'chat', workflowId: rl(WORKFLOWS.chatflow) });
			const { fields } = await harness.resourceMapping(spec, 'getChatFlowInputs');
			expect(fields.map((f) => [f.id, f.displayName, f.defaultValue])).toEqual([['tone', 'tone (string)', 'friendly']]);
			sim.reset();
			const chat = await harness.run(
				v2({
					resource: 'chatFlow',
					operation: 'chat',
					workflowId: rl(WORKFLOWS.chatflow),
					runAs: 'app',
					appId: rl('7442086830000000001'),
					message: 'hi',
					inputMode: 'form',
					inputs: form(fields, { tone: '={{ $json.tone }}' }),
				}),
				{ items: [{ json: { tone: 'formal' } }] },
			);
			expect(chat.error).toBeUndefined();
			const sent = sim.requests.find((r) => r.path === '/v1/workflows/chat')?.body as IDataObject;
			expect(sent.parameters).toEqual({ tone: 'formal' });
			const json = await harness.run(
				v2({
					resource: 'chatFlow',
					operation: 'chat',
					workflowId: rl(WORKFLOWS.chatflow),
					runAs: 'app',
					appId: rl('7442086830000000001'),
					message: 'hi',
					inputMode: 'json',
					options: { parameters: '{"tone": "formal"}' },
				}),
			);
			expect(json.error).toBeUndefined();
			expect((sim.requests.filter((r) => r.path === '/v1/workflows/chat').at(-1)?.body as IDataObject).parameters).toEqual({ tone: 'formal' });
		});
	});

	describe('the Workflow Trigger', () => {
		const trigger = (parameters: Record<string, unknown>) => ({
			type: 'cozeWorkflowTrigger',
			parameters: { startRuns: 'whenIdle', workflowId: rl(WORKFLOWS.typed), ...parameters } as never,
			credentials: { cozeApi: credential },
		});

		it('starts its runs with the form inputs, checked before the run is started; JSON stays the default', async () => {
			const { fields } = await harness.resourceMapping(trigger({}), 'getWorkflowInputs');
			expect(fields.map((f) => f.id)).toContain('count');
			sim.reset();
			await harness
				.poll(trigger({ inputMode: 'form', inputs: form(fields, { customer: 'Ada', count: '2', photo: '7400000000000000001' }) }), {}, 'manual')
				.catch(() => undefined);
			const started = sim.requests.find((r) => r.path === '/v1/workflow/run')?.body as IDataObject;
			expect(started).toMatchObject({
				workflow_id: WORKFLOWS.typed,
				is_async: true,
				parameters: { customer: 'Ada', count: 2, photo: '{"file_id":"7400000000000000001"}' },
			});
			sim.reset();
			await expect(
				harness.poll(trigger({ inputMode: 'form', inputs: form(fields, { customer: 'Ada', count: 'many' }) }), {}, 'manual'),
			).rejects.toThrow('The workflow input "count" (integer) expects a whole number, got "many" [item 0]');
			expect(sim.requests.filter((r) => r.path === '/v1/workflow/run')).toEqual([]);
			await harness.poll(trigger({ parameters: '{"customer": "Bo", "count": 1}' }), {}, 'manual').catch(() => undefined);
			expect((sim.requests.find((r) => r.path === '/v1/workflow/run')?.body as IDataObject).parameters).toEqual({ customer: 'Bo', count: 1 });
		});
	});

	describe('operations shared with version 1', () => {
		it('gets many workflows (getAll), many versions (getAll), one workflow, and chats with a chat flow', async () => {
			const workflows = await harness.run(v2({ resource: 'workflow', operation: 'getAll', workspaceId: rl(WORKSPACES[0].id), returnAll: true }));
			expect(workflows.error).toBeUndefined();
			expect(workflows.items.map((i) => i.json.workflow_name)).toContain('order_report');
			const versions = await harness.run(v2({ resource: 'version', operation: 'getAll', workflowId: rl(WORKFLOWS.typed), returnAll: true }));
			expect(versions.items.map((i) => i.json.version)).toEqual(['v0.0.2', 'v0.0.1']);
			const one = await harness.run(v2({ resource: 'workflow', operation: 'get', workflowId: rl(WORKFLOWS.typed) }));
			expect(one.items[0].json.workflow_name).toBe('order_report');
			const chat = await harness.run(
				v2({
					resource: 'chatFlow',
					operation: 'chat',
					workflowId: rl(WORKFLOWS.chatflow),
					runAs: 'app',
					appId: rl('7442086830000000001'),
					message: 'hi',
				}),
			);
			expect(chat.error).toBeUndefined();
			expect(String(chat.items[0].json.answer ?? chat.items[0].json.content)).toContain('Chat flow says');
		});

		it('runs with JSON inputs and reads the background run (run.get), as version 1 does', async () => {
			const started = await harness.run(
				v2({
					resource: 'workflow',
					operation: 'run',
					workflowId: rl(WORKFLOWS.echo),
					mode: 'async',
					inputMode: 'json',
					parameters: '{"input": "hi"}',
				}),
			);
			expect(started.error).toBeUndefined();
			const read = await harness.run(
				v2({
					resource: 'run',
					operation: 'get',
					workflowId: rl(WORKFLOWS.echo),
					executeId: started.items[0].json.execute_id,
					wait: true,
					options: { pollInterval: 1 },
				}),
			);
			expect(read.error).toBeUndefined();
			expect(read.items[0].json.output).toEqual({ Output: { output: 'hi' } });
		});
	});
});
