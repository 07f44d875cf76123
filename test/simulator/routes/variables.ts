import type { RouteContext, Simulator } from '../index';
import { BOT_LIST, SYSTEM_VARIABLES, VARIABLES } from '../seed';

/**
 * User variables of a bot or app (docs/read_variable.md, update_variable.md). Defaults come from seed.ts VARIABLES;
 * values written with PUT are kept per owner (bot or app), connector and end user (connector_uid).
 */

export interface StoredVariable {
	value: string;
	create_time: number;
	update_time: number;
}

/** Written values, keyed `${ownerId}|${connectorId}|${connectorUid}|${keyword}`. */
export const variablesOf = (sim: Simulator) => sim.state('variables', () => new Map<string, StoredVariable>());

const fail = (ctx: RouteContext, code: number, msg: string): undefined => void ctx.error(code, msg);

/** Resolves the owner (app_id or bot_id) and the end user of a request; answers the error itself. */
function ownerOf(ctx: RouteContext, params: Record<string, unknown>) {
	const appId = params.app_id ? String(params.app_id) : '';
	const botId = params.bot_id ? String(params.bot_id) : '';
	if (!appId && !botId) return fail(ctx, 4000, 'app_id or bot_id is required');
	// The docs' own example sends both; the one that has variables wins (app first).
	const id = [appId, botId].find((candidate) => candidate && (VARIABLES[candidate] || BOT_LIST.some((b) => b.id === candidate)));
	if (!id) return fail(ctx, 4200, `${appId ? `app ${appId}` : `bot ${botId}`} not found`);
	const uid = params.connector_uid === undefined ? '' : String(params.connector_uid);
	if (!uid) return fail(ctx, 4000, 'connector_uid is required');
	const connector = String(params.connector_id || '1024');
	return { defined: VARIABLES[id] ?? {}, uid, key: (keyword: string) => `${id}|${connector}|${uid}|${keyword}` };
}

export function registerVariableRoutes(sim: Simulator) {
	sim.route('GET', '/v1/variables', (ctx) => {
		const owner = ownerOf(ctx, ctx.req.query);
		if (!owner) return;
		const wanted = (ctx.req.query.keywords ?? '')
			.split(',')
			.map((k) => k.trim())
			.filter(Boolean);
		const items = Object.keys(owner.defined)
			.filter((keyword) => wanted.length === 0 || wanted.includes(keyword)) // unknown keywords are skipped
			.map((keyword) => {
				if (SYSTEM_VARIABLES.includes(keyword)) return { keyword, value: owner.uid, create_time: 0, update_time: 0 };
				const stored = variablesOf(sim).get(owner.key(keyword));
				return {
					keyword,
					value: stored?.value ?? owner.defined[keyword],
					create_time: stored?.create_time ?? 0,
					update_time: stored?.update_time ?? 0,
				};
			});
		ctx.json({ items });
	});

	sim.route('PUT', '/v1/variables', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const owner = ownerOf(ctx, body);
		if (!owner) return;
		const data = body.data as Array<{ keyword?: unknown; value?: unknown }> | undefined;
		if (!Array.isArray(data) || data.length === 0) return ctx.error(4000, 'data must be a non-empty list of {keyword, value}');
		for (const entry of data) {
			const keyword = String(entry?.keyword ?? '');
			if (!(keyword in owner.defined)) return ctx.error(4000, `variable ${keyword} does not exist or is disabled`);
			if (SYSTEM_VARIABLES.includes(keyword)) return ctx.error(4000, `${keyword} is a system variable and cannot be written`);
			if (typeof entry.value !== 'string') return ctx.error(4000, `the value of ${keyword} must be a string`);
		}
		const now = Math.floor(Date.now() / 1000);
		for (const entry of data) {
			const key = owner.key(String(entry.keyword));
			const previous = variablesOf(sim).get(key);
			variablesOf(sim).set(key, { value: String(entry.value), create_time: previous?.create_time ?? now, update_time: now });
		}
		ctx.json(undefined);
	});
}
