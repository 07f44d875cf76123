import type { Simulator } from './index';

/**
 * The Coze Studio profile of the simulator: what coze-dev/coze-studio's server (commit 4f786d6a9, Mar 2026) answers
 * on its public OpenAPI. Sources (all at that commit):
 * - routes: backend/api/router/coze/api.go (hertz-generated `Register`; the `/api/...` routes there are the web UI's,
 *   authenticated by session, not by API key: not listed here);
 * - unknown routes: backend/api/router/register.go `NoRoute` — a path under /api/, /v1/ or /v3/ gets HTTP 404
 *   `{"code":404,"msg":"not found"}`; anything else gets the web UI's index.html (HTTP 200);
 * - API keys: backend/api/middleware/openapi_auth.go `OpenapiAuthMW` — a missing / unknown key is answered through
 *   backend/api/internal/httputil/error_resp.go `InternalError`: HTTP 200 `{"code":700012006,"msg":…}`
 *   (backend/types/errno/user.go ErrUserAuthenticationFailed);
 * - run history: GET /v1/workflow/get_run_history (see routes/workflows.ts registerStudioRunHistory).
 */
export const STUDIO_COMMIT = '4f786d6a9';

/** Every OpenAPI route Studio registers (api.go), as method + path pattern in the simulator's `{param}` syntax. */
export const STUDIO_ROUTES: Array<[string, string]> = [
	['POST', '/open_api/knowledge/document/create'],
	['POST', '/open_api/knowledge/document/list'],
	['POST', '/open_api/knowledge/document/delete'],
	['POST', '/open_api/knowledge/document/update'],
	['GET', '/v1/conversations'],
	['DELETE', '/v1/conversations/{conversation_id}'],
	['PUT', '/v1/conversations/{conversation_id}'],
	['GET', '/v1/datasets'],
	['DELETE', '/v1/datasets/{dataset_id}'],
	['GET', '/v1/datasets/{dataset_id}/images'],
	['POST', '/v1/datasets/{dataset_id}/process'],
	['PUT', '/v1/datasets/{dataset_id}'],
	['POST', '/v1/datasets'],
	['GET', '/v1/apps/{app_id}'],
	['GET', '/v1/bot/get_online_info'],
	['GET', '/v1/bots/{bot_id}'],
	['POST', '/v1/conversation/create'],
	['GET', '/v1/conversation/retrieve'],
	['POST', '/v1/conversation/message/list'],
	['POST', '/v1/conversations/{conversation_id}/clear'],
	['POST', '/v1/files/upload'],
	['GET', '/v1/workflow/get_run_history'],
	['POST', '/v1/workflow/run'],
	['POST', '/v1/workflow/stream_resume'],
	['POST', '/v1/workflow/stream_run'],
	['POST', '/v1/workflow/conversation/create'],
	['POST', '/v1/workflows/chat'],
	['GET', '/v1/workflows/{workflow_id}'],
	['POST', '/v3/chat'],
	['POST', '/v3/chat/cancel'],
	['GET', '/v3/chat/retrieve'],
	['GET', '/v3/chat/message/list'],
];

const STUDIO_ROUTE_REGEXES = STUDIO_ROUTES.map(([method, pattern]) => ({
	method,
	regex: new RegExp(`^${pattern.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** Whether Studio's router has this route. */
export function studioHasRoute(method: string, path: string): boolean {
	return STUDIO_ROUTE_REGEXES.some((route) => route.method === method && route.regex.test(path));
}

/** What Studio's `NoRoute` answers for a path it has no route for (register.go). */
export function studioNoRoute(path: string): { status: number; body: unknown; contentType: string } {
	if (path.startsWith('/api/') || path.startsWith('/v1/') || path.startsWith('/v3/')) {
		return { status: 404, body: JSON.stringify({ code: 404, msg: 'not found' }), contentType: 'application/json; charset=utf-8' };
	}
	return {
		status: 200,
		body: '<!doctype html><html><head><title>Coze Studio</title></head><body><div id="root"></div></body></html>',
		contentType: 'text/html; charset=utf-8',
	};
}

/** Studio's answer for a missing or unknown API key (openapi_auth.go → InternalError, errno 700012006). */
export const STUDIO_AUTH_FAILURE = { code: 700012006, msg: 'authentication failed: api key invalid' };

/**
 * Where Studio's request types accept less than Coze's spec requires (the contract check reads Coze's spec): a
 * contract error matching one of these is not reported on the Studio profile.
 * - GET /v1/datasets: `space_id` has no `required` tag in backend/api/model/data/knowledge/knowledge.go
 *   ListDatasetOpenApiRequest (the credential test lists without a workspace).
 */
export const STUDIO_CONTRACT_EXCEPTIONS: RegExp[] = [/^query parameter space_id is required$/];

export function studioContractErrors(method: string, path: string, errors: string[]): string[] {
	if (!studioHasRoute(method, path) || path === '/v1/workflow/get_run_history') return [];
	if (method === 'GET' && path === '/v1/datasets') return errors.filter((error) => !STUDIO_CONTRACT_EXCEPTIONS.some((rule) => rule.test(error)));
	return errors;
}

/** Whether the simulator runs as Coze Studio. */
export const isStudio = (sim: Simulator) => sim.profile === 'studio';
