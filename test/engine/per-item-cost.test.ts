import { CozeConversation } from '../../nodes/CozeConversation/CozeConversation.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { BOTS } from '../simulator/seed';

/**
 * What a node run costs per item beyond the request itself (bench:vs-http-node measures it in the real n8n CLI):
 * the credential is loaded and decrypted once per node run, not for every request, and the items stay correct.
 */
describe('per-item cost inside n8n-core', () => {
	let sim: Simulator;
	let harness: Harness;

	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeConversation()]);
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	async function conversations(credentials: Record<string, string>, authentication: string, count: number): Promise<string[]> {
		const created = await harness.run(
			{
				type: 'cozeConversation',
				parameters: { authentication, resource: 'conversation', operation: 'create', botId: { __rl: true, mode: 'id', value: BOTS.echo } },
				credentials,
			},
			{ items: Array.from({ length: count }, () => ({ json: {} })) },
		);
		expect(created.error).toBeUndefined();
		return created.items.map((item) => String(item.json.id));
	}

	it('a PAT credential is decrypted once per node run, not once per request (12 items, concurrency 5)', async () => {
		const credentials = { cozeApi: harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] }) };
		const ids = await conversations(credentials, 'accessToken', 12);
		const decryptionsBefore = harness.credentialsHelper.decryptions.length;
		const requestsBefore = sim.requests.length;
		const { items, error } = await harness.run(
			{ type: 'cozeConversation', parameters: { resource: 'conversation', operation: 'get', conversationId: '={{ $json.id }}' }, credentials },
			{ items: ids.map((id) => ({ json: { id } })) },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, index) => ({ item: index })));
		const requests = sim.requests.slice(requestsBefore);
		expect(requests).toHaveLength(12);
		expect(requests.every((request) => request.headers.authorization === 'Bearer [redacted:valid]')).toBe(true);
		expect(harness.credentialsHelper.decryptions.slice(decryptionsBefore)).toEqual(['cozeApi']);
	});

	it('parameters without an expression are the same for every item, those with one differ per item', async () => {
		const credentials = { cozeApi: harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] }) };
		const ids = await conversations(credentials, 'accessToken', 3);
		const requestsBefore = sim.requests.length;
		const { items, error } = await harness.run(
			{
				type: 'cozeConversation',
				parameters: {
					resource: 'message',
					operation: 'create',
					conversationId: '={{ $json.id }}',
					role: 'assistant',
					content: '=Answer {{ $json.n }}',
					contentType: 'text',
					options: { concurrency: 2, metaData: '={{ JSON.stringify({ n: String($json.n) }) }}' },
				},
				credentials,
			},
			{ items: ids.map((id, n) => ({ json: { id, n } })) },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.conversation_id, item.json.role, item.json.content])).toEqual(
			ids.map((id, n) => [id, 'assistant', `Answer ${n}`]),
		);
		const bodies = sim.requests.slice(requestsBefore).map((request) => request.body);
		expect(bodies).toEqual(ids.map((_, n) => ({ role: 'assistant', content: `Answer ${n}`, content_type: 'text', meta_data: { n: String(n) } })));
	});

	it('a JWT credential is still read for every request (its token expiry changes), once each', async () => {
		const credentials = {
			cozeJwtApi: harness.addCredential('cozeJwtApi', {
				region: 'custom',
				baseUrl: sim.url,
				appId: sim.jwtKeys.appId,
				publicKeyId: sim.jwtKeys.publicKeyId,
				privateKey: sim.jwtKeys.privateKeyPem,
				durationSeconds: 900,
			}),
		};
		const ids = await conversations(credentials, 'jwt', 4);
		const decryptionsBefore = harness.credentialsHelper.decryptions.length;
		const { items, error } = await harness.run(
			{
				type: 'cozeConversation',
				parameters: { authentication: 'jwt', resource: 'conversation', operation: 'get', conversationId: '={{ $json.id }}' },
				credentials,
			},
			{ items: ids.map((id) => ({ json: { id } })) },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(harness.credentialsHelper.decryptions.slice(decryptionsBefore)).toEqual(['cozeJwtApi', 'cozeJwtApi', 'cozeJwtApi', 'cozeJwtApi']);
	});
});
