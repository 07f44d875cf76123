import type { Simulator } from '../index';
import { BOTS } from '../seed';

/** Variables defined on seeded owners (docs/read_variable.md, update_variable): keyword → default value. */
export const VARIABLE_OWNERS: Record<string, Record<string, string>> = {
	[BOTS.echo]: { city: 'Beijing', language: 'en', sys_uuid: '' },
	'7442086830000000001': { plan: 'free' },
};
const SYSTEM = new Set(['sys_uuid']);

type Stored = { value: string; create_time: number; update_time: number };
export const variablesOf = (sim: Simulator) => sim.state('variables', () => new Map<string, Stored>());

/** GET and PUT /v1/variables: values are kept per owner (bot or app), connector and end user. */
export function registerVariableRoutes(sim: Simulator) {
	const owner = (params: Record<string, unknown>) => {
		const id = String(params.bot_id ?? params.app_id ?? '');
		if (params.bot_id && params.app_id) return { error: 'set bot_id or app_id, not both' };
		if (!id) return { error: 'bot_id or app_id is required' };
		if (!VARIABLE_OWNERS[id]) return { error: `no variables for ${id}`, code: 4200 };
		return { id, key: `${id}|${String(params.connector_id ?? '1024')}|${String(params.connector_uid ?? '')}` };
	};

	sim.route('GET', '/v1/variables', (ctx) => {
		const found = owner(ctx.req.query);
		if (found.error) return ctx.error(found.code ?? 4000, found.error);
		const wanted = (ctx.req.query.keywords ?? '').split(',').map((k) => k.trim()).filter(Boolean);
		const defined = VARIABLE_OWNERS[found.id as string];
		const items = Object.keys(defined)
			.filter((keyword) => wanted.length === 0 || wanted.includes(keyword))
			.map((keyword) => {
				const stored = variablesOf(sim).get(`${found.key}|${keyword}`);
				return { keyword, value: stored?.value ?? defined[keyword], create_time: stored?.create_time ?? 0, update_time: stored?.update_time ?? 0 };
			});
		ctx.json({ items });
	});

	sim.route('PUT', '/v1/variables', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const found = owner(body);
		if (found.error) return ctx.error(found.code ?? 4000, found.error);
		const data = body.data as Array<{ keyword?: string; value?: string }> | undefined;
		if (!Array.isArray(data) || data.length === 0) return ctx.error(4000, 'data must be a non-empty list');
		const defined = VARIABLE_OWNERS[found.id as string];
		for (const entry of data) {
			if (!entry.keyword || !(entry.keyword in defined)) return ctx.error(4000, `variable ${entry.keyword} does not exist or is disabled`);
			if (SYSTEM.has(entry.keyword)) return ctx.error(4000, `${entry.keyword} is a system variable and cannot be written`);
		}
		const now = Math.floor(Date.now() / 1000);
		for (const entry of data) {
			const key = `${found.key}|${entry.keyword}`;
			const previous = variablesOf(sim).get(key);
			variablesOf(sim).set(key, { value: String(entry.value ?? ''), create_time: previous?.create_time ?? now, update_time: now });
		}
		ctx.json({});
	});
}
