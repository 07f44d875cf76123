import { CozeVariable } from '../../nodes/CozeVariable/CozeVariable.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { BOTS } from '../simulator/seed';

describe('Coze Variable node inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeVariable()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const variable = (parameters: Record<string, unknown>, continueOnFail = false) =>
		harness.run({
			type: 'cozeVariable',
			parameters: { ownerType: 'bot', botId: { __rl: true, mode: 'id', value: BOTS.echo }, userId: 'alice', ...parameters },
			credentials: { cozeApi: credential },
			continueOnFail,
		});

	it('sets variables for one user and reads them back; other users keep the defaults', async () => {
		const set = await variable({
			operation: 'set',
			variables: {
				variable: [
					{ keyword: 'city', value: 'Hangzhou' },
					{ keyword: 'language', value: 'zh' },
				],
			},
		});
		expect(set.error).toBeUndefined();
		expect(set.items[0].json).toMatchObject({ updated: true, connector_uid: 'alice', city: 'Hangzhou', language: 'zh' });
		const put = sim.requests.find((r) => r.method === 'PUT');
		expect(put?.body).toEqual({
			bot_id: BOTS.echo,
			connector_id: '1024',
			connector_uid: 'alice',
			data: [
				{ keyword: 'city', value: 'Hangzhou' },
				{ keyword: 'language', value: 'zh' },
			],
		});

		const get = await variable({ operation: 'get', keywords: 'city, language' });
		expect(get.items).toHaveLength(1);
		expect(get.items[0].json).toMatchObject({ city: 'Hangzhou', language: 'zh' });
		expect(sim.requests.at(-1)?.query).toMatchObject({ bot_id: BOTS.echo, connector_uid: 'alice', keywords: 'city,language' });

		const bob = await variable({ operation: 'get', userId: 'bob', output: 'items' });
		const city = bob.items.find((i) => i.json.keyword === 'city');
		expect(city?.json).toMatchObject({ value: 'Beijing', create_time: 0 });
	});

	it('maps Coze envelope errors (HTTP 200, code ≠ 0) to NodeApiError, and validates input before sending', async () => {
		const unknown = await variable({ operation: 'set', variables: { variable: [{ keyword: 'nope', value: 'x' }] } });
		expect(unknown.error?.message).toMatch(/nope does not exist/);
		expect(JSON.stringify(unknown.error)).toContain('4000');
		const system = await variable({ operation: 'set', variables: { variable: [{ keyword: 'sys_uuid', value: 'x' }] } });
		expect(system.error?.message).toMatch(/system variable/);
		const sent = sim.requests.length;
		expect((await variable({ operation: 'set', variables: {} })).error?.message).toMatch(/at least one variable/);
		// n8n's own required check for a literal empty User ID; ours for an expression that comes out empty.
		expect((await variable({ operation: 'set', userId: '', variables: { variable: [{ keyword: 'city', value: 'x' }] } })).error?.message).toMatch(
			/User ID.*required/,
		);
		// docs read_variable.md: connector_uid is required for reading too.
		const noUser = await variable({ operation: 'get', userId: '={{ $json.missing ?? "" }}' });
		expect(noUser.error?.message).toBe('User ID is required');
		expect(sim.requests.length).toBe(sent);
		const soft = await variable({ operation: 'set', variables: { variable: [{ keyword: 'nope', value: 'x' }] } }, true);
		expect(soft.items[0].json).toMatchObject({
			error: expect.stringMatching(/code 4000.*nope does not exist/),
			code: 4000,
			logid: expect.any(String),
		});
		expect(soft.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('reads app variables and reports a bad token with the region hint', async () => {
		const app = await variable({ operation: 'get', ownerType: 'app', appId: '7442086830000000001' });
		expect(app.items[0].json).toMatchObject({ plan: 'free' });
		const bad = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: 'pat_wrong' });
		const denied = await harness.run({
			type: 'cozeVariable',
			parameters: { operation: 'get', ownerType: 'bot', botId: { __rl: true, mode: 'id', value: BOTS.echo }, userId: 'a' },
			credentials: { cozeApi: bad },
		});
		expect(denied.error?.message).toMatch(/4100/);
		expect(JSON.stringify(denied.error)).toMatch(/[Rr]egion/);
		expect(JSON.stringify(denied.error)).not.toContain('pat_wrong');
	});
});
