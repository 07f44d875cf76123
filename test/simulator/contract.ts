import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

/**
 * Contract check: every request the simulator receives is validated against the official Coze OpenAPI spec
 * (test/coze-reference/coze-openapi.yaml, vendored from coze-dev/coze-sdk-gen, never edited). Checks: the operation exists; required query/path parameters;
 * query parameter types; no query parameter the operation does not declare; JSON body required fields, types
 * (recursively, through $ref) and no field the schema does not declare; multipart required parts.
 * Spec quirks handled: `format: list|map|bool|i32`, header parameters named 'Authorization ' (ignored), required
 * names that are not among the properties (e.g. upload's 'Data', the doc name of the `file` part: ignored).
 */

type Schema = Record<string, unknown>;
export interface Spec {
	paths: Record<string, Record<string, Schema>>;
	components: { schemas: Record<string, Schema> };
}

export interface ContractRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	contentType?: string;
}

interface Matcher {
	template: string;
	regex: RegExp;
	params: string[];
	staticLength: number;
}

/**
 * Operations documented in test/coze-reference/docs but absent from the spec. Only what a doc page states, nothing more.
 * GET /v1/workspaces: docs/list_workspace.md (query page_num, page_size, enterprise_id, user_id, coze_account_id).
 */
const DOCUMENTED_OPERATIONS: Record<string, Record<string, Schema>> = {
	'/v1/workspaces': {
		get: {
			parameters: [
				{ in: 'query', name: 'page_num', schema: { type: 'integer' } },
				{ in: 'query', name: 'page_size', schema: { type: 'integer' } },
				{ in: 'query', name: 'enterprise_id', schema: { type: 'string' } },
				{ in: 'query', name: 'user_id', schema: { type: 'string' } },
				{ in: 'query', name: 'coze_account_id', schema: { type: 'string' } },
			],
		},
	},
	// Create is only in docs/create_dataset.md, delete only in docs/delete_dataset.md.
	'/v1/datasets': {
		post: {
			requestBody: {
				content: {
					'application/json': {
						schema: {
							type: 'object',
							required: ['name', 'space_id', 'format_type'],
							properties: {
								name: { type: 'string' },
								space_id: { type: 'string' },
								format_type: { type: 'integer' },
								description: { type: 'string' },
								file_id: { type: 'string' },
							},
						},
					},
				},
			},
		},
	},
	'/v1/datasets/{dataset_id}': {
		delete: { parameters: [{ in: 'path', name: 'dataset_id', required: true, schema: { type: 'string' } }] },
	},
	// Only in docs/message_feedback.md (the spec has DELETE only).
	'/v1/conversations/{conversation_id}/messages/{message_id}/feedback': {
		post: {
			parameters: [
				{ in: 'path', name: 'conversation_id', required: true, schema: { type: 'string' } },
				{ in: 'path', name: 'message_id', required: true, schema: { type: 'string' } },
			],
			requestBody: {
				content: {
					'application/json': {
						schema: {
							type: 'object',
							required: ['feedback_type'],
							properties: {
								feedback_type: { type: 'string' },
								reason_types: { type: 'array', items: { type: 'string' } },
								comment: { type: 'string' },
							},
						},
					},
				},
			},
		},
	},
	// Only in docs/modify_knowledge_files.md.
	'/open_api/knowledge/document/update': {
		post: {
			parameters: [{ in: 'header', name: 'Agw-Js-Conv', required: true, schema: { type: 'string' } }],
			requestBody: {
				content: {
					'application/json': {
						schema: {
							type: 'object',
							properties: {
								document_id: { type: 'string' },
								document_name: { type: 'string' },
								update_rule: { type: 'object', properties: { update_type: { type: 'integer' }, update_interval: { type: 'integer' } } },
							},
						},
					},
				},
			},
		},
	},
	// Only in docs/update_image_caption.md.
	'/v1/datasets/{dataset_id}/images/{document_id}': {
		put: {
			parameters: [
				{ in: 'path', name: 'dataset_id', required: true, schema: { type: 'string' } },
				{ in: 'path', name: 'document_id', required: true, schema: { type: 'string' } },
			],
			requestBody: {
				content: { 'application/json': { schema: { type: 'object', required: ['caption'], properties: { caption: { type: 'string' } } } } },
			},
		},
	},
	// DELETE is only in docs/delete_conversation.md (the spec has PUT only).
	'/v1/conversations/{conversation_id}': {
		delete: { parameters: [{ in: 'path', name: 'conversation_id', required: true, schema: { type: 'string' } }] },
	},
	// PUT is only in docs/update_variable.md (the spec has GET only).
	'/v1/variables': {
		put: {
			requestBody: {
				content: {
					'application/json': {
						schema: {
							type: 'object',
							required: ['connector_uid', 'data'],
							properties: {
								app_id: { type: 'string' },
								bot_id: { type: 'string' },
								connector_id: { type: 'string' },
								connector_uid: { type: 'string' },
								data: {
									type: 'array',
									items: {
										type: 'object',
										required: ['keyword', 'value'],
										properties: { keyword: { type: 'string' }, value: { type: 'string' } },
									},
								},
							},
						},
					},
				},
			},
		},
	},
	// Only in docs/list_plugin.md (category_ids: "Array of String", sent comma-joined in the query as Coze Studio does).
	'/v1/stores/plugins': {
		get: {
			parameters: [
				{ in: 'query', name: 'keyword', schema: { type: 'string' } },
				{ in: 'query', name: 'is_official', schema: { type: 'boolean' } },
				{ in: 'query', name: 'category_ids', schema: { type: 'string' } },
				{ in: 'query', name: 'page_num', schema: { type: 'integer' } },
				{ in: 'query', name: 'page_size', schema: { type: 'integer' } },
				{ in: 'query', name: 'sort_type', schema: { type: 'string' } },
			],
		},
	},
	// Only in docs/get_plugin.md.
	'/v1/plugins/{plugin_id}': {
		get: { parameters: [{ in: 'path', name: 'plugin_id', required: true, schema: { type: 'string' } }] },
	},
	// Only in docs/call_plugin_tool.md.
	'/v1/plugins/{plugin_id}/tools/call': {
		post: {
			parameters: [{ in: 'path', name: 'plugin_id', required: true, schema: { type: 'string' } }],
			requestBody: {
				content: {
					'application/json': {
						schema: {
							type: 'object',
							required: ['tool_name', 'arguments'],
							properties: { tool_name: { type: 'string' }, arguments: { type: 'object' } },
						},
					},
				},
			},
		},
	},
	// Only in docs/list_space_member.md (GET) and docs/add_space_member.md (POST); the spec has DELETE only.
	'/v1/workspaces/{workspace_id}/members': {
		get: {
			parameters: [
				{ in: 'path', name: 'workspace_id', required: true, schema: { type: 'string' } },
				{ in: 'query', name: 'page_num', schema: { type: 'integer' } },
				{ in: 'query', name: 'page_size', schema: { type: 'integer' } },
			],
		},
		post: {
			parameters: [{ in: 'path', name: 'workspace_id', required: true, schema: { type: 'string' } }],
			requestBody: {
				content: {
					'application/json': {
						schema: {
							type: 'object',
							properties: {
								users: {
									type: 'array',
									items: {
										type: 'object',
										required: ['user_id', 'role_type'],
										properties: { user_id: { type: 'string' }, role_type: { type: 'string', enum: ['admin', 'member'] } },
									},
								},
							},
						},
					},
				},
			},
		},
	},
	// No doc page: the official SDKs call it (coze-js packages/coze-js/src/resources/users/index.ts Users.me,
	// coze-py cozepy/users/__init__.py UsersClient.me): GET, no parameters.
	'/v1/users/me': { get: {} },
	// No doc page: the official SDKs call it (coze-js packages/coze-js/src/resources/templates/templates.ts
	// Templates.duplicate, coze-py cozepy/templates/__init__.py): body { workspace_id, name? }.
	'/v1/templates/{template_id}/duplicate': {
		post: {
			parameters: [{ in: 'path', name: 'template_id', required: true, schema: { type: 'string' } }],
			requestBody: {
				content: {
					'application/json': {
						schema: { type: 'object', required: ['workspace_id'], properties: { workspace_id: { type: 'string' }, name: { type: 'string' } } },
					},
				},
			},
		},
	}, // GET is only in docs/list_callback_app.md (the spec has POST only).
	'/v1/api_apps': {
		get: {
			parameters: [
				{ in: 'query', name: 'page_token', schema: { type: 'string' } },
				{ in: 'query', name: 'page_size', schema: { type: 'integer' } },
				{ in: 'query', name: 'app_type', schema: { type: 'string' } },
			],
		},
	},
	// DELETE is only in docs/delete_callback_app.md (the spec has PUT only).
	'/v1/api_apps/{api_app_id}': {
		delete: { parameters: [{ in: 'path', name: 'api_app_id', required: true, schema: { type: 'string' } }] },
	},
	// GET (docs/list_subscribed_callback_message.md) and DELETE (docs/unsubscribe_callback_message.md) are only in the docs.
	'/v1/api_apps/{api_app_id}/events': {
		get: {
			parameters: [
				{ in: 'path', name: 'api_app_id', required: true, schema: { type: 'string' } },
				{ in: 'query', name: 'page_token', schema: { type: 'string' } },
				{ in: 'query', name: 'page_size', schema: { type: 'integer' } },
			],
		},
		delete: {
			parameters: [{ in: 'path', name: 'api_app_id', required: true, schema: { type: 'string' } }],
			requestBody: {
				content: {
					'application/json': {
						schema: { type: 'object', required: ['event_types'], properties: { event_types: { type: 'array', items: { type: 'string' } } } },
					},
				},
			},
		},
	},
};

/**
 * Operations the official SDKs send that neither the spec nor the docs list, served because real clients use them.
 * Each copies the documented operation it stands for.
 * POST /v3/chat/retrieve: coze-js src/resources/chat/chat.ts `retrieve` (also used by createAndPoll) and coze-py
 * cozepy/chat/__init__.py `retrieve` send POST with conversation_id and chat_id in the query and no body; the docs
 * (retrieve_chat.md) and spec say GET. Same parameters as the GET.
 */
const SDK_OPERATIONS: Array<{ template: string; method: string; sameAs: string }> = [
	{ template: '/v3/chat/retrieve', method: 'post', sameAs: 'get' },
];

/**
 * Where the spec contradicts the docs page of the same operation, the page wins (the spec is generated from the same
 * pages; these are generation slips). Each entry: schema, required field dropped, and the page that says so.
 * EnterMessage2.type (POST /v3/chat additional_messages): docs/chat_v3.md EnterMessage: type 可选, default question;
 * every request example of chat_v3.md omits it.
 */
const SPEC_CORRECTIONS: Array<{ schema: string; optional: string }> = [{ schema: 'EnterMessage2', optional: 'type' }];

export const SPEC_PATH = join(__dirname, '..', 'coze-reference', 'coze-openapi.yaml');

let cached: { spec: Spec; matchers: Matcher[] } | undefined;

export function loadSpec(path = process.env.COZE_OPENAPI_SPEC ?? SPEC_PATH): { spec: Spec; matchers: Matcher[] } {
	if (cached) return cached;
	const spec = parse(readFileSync(path, 'utf8'), { maxAliasCount: -1 }) as Spec;
	for (const [template, operations] of Object.entries(DOCUMENTED_OPERATIONS)) {
		spec.paths[template] = { ...operations, ...(spec.paths[template] ?? {}) };
	}
	for (const { schema, optional } of SPEC_CORRECTIONS) {
		const target = spec.components.schemas[schema];
		if (Array.isArray(target?.required)) target.required = (target.required as string[]).filter((name) => name !== optional);
	}
	for (const { template, method, sameAs } of SDK_OPERATIONS) {
		const operations = spec.paths[template];
		if (operations?.[sameAs] && !operations[method]) operations[method] = { parameters: operations[sameAs].parameters };
	}
	const matchers = Object.keys(spec.paths).map((template) => compile(template));
	// Prefer static segments: /v1/workflows/chat before /v1/workflows/{workflow_id}.
	matchers.sort((a, b) => a.params.length - b.params.length || b.staticLength - a.staticLength);
	cached = { spec, matchers };
	return cached;
}

function compile(template: string): Matcher {
	const params: string[] = [];
	const pattern = template
		.split('/')
		.map((segment) => {
			const match = /^\{(.+)\}$/.exec(segment);
			if (match) {
				params.push(match[1]);
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { template, regex: new RegExp(`^${pattern}$`), params, staticLength: template.replace(/\{[^}]+\}/g, '').length };
}

const templateCache = new Map<string, Matcher | null>();

function matcherFor(path: string, matchers: Matcher[]): Matcher | undefined {
	let matcher = templateCache.get(path);
	if (matcher === undefined) {
		matcher = matchers.find((m) => m.regex.test(path)) ?? null;
		if (templateCache.size > 10_000) templateCache.clear();
		templateCache.set(path, matcher);
	}
	return matcher ?? undefined;
}

export function findOperation(
	path: string,
	method: string,
): { template: string; operation?: Schema; pathParams: Record<string, string> } | undefined {
	const { spec, matchers } = loadSpec();
	for (const matcher of [matcherFor(path, matchers)].filter((m): m is Matcher => m !== undefined)) {
		const match = matcher.regex.exec(path);
		if (!match) continue;
		const pathParams: Record<string, string> = {};
		matcher.params.forEach((name, i) => (pathParams[name] = decodeURIComponent(match[i + 1])));
		return { template: matcher.template, operation: spec.paths[matcher.template][method.toLowerCase()], pathParams };
	}
	return undefined;
}

function resolve(schema: Schema | undefined): Schema | undefined {
	let current = schema;
	const seen = new Set<string>();
	while (current && typeof current.$ref === 'string') {
		const ref = current.$ref;
		if (seen.has(ref)) break;
		seen.add(ref);
		current = loadSpec().spec.components.schemas[ref.replace('#/components/schemas/', '')];
	}
	return current;
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (Number.isInteger(value)) return 'integer';
	return typeof value;
}

function checkValue(value: unknown, raw: Schema | undefined, where: string, errors: string[], depth: number) {
	const schema = resolve(raw);
	if (!schema || depth > 8 || value === null || value === undefined) return;
	const type = schema.type as string | undefined;
	const actual = typeOf(value);
	const ok =
		!type || type === actual || (type === 'number' && (actual === 'integer' || actual === 'number')) || (type === 'integer' && actual === 'integer');
	if (!ok) {
		errors.push(`${where} should be ${type} but is ${actual}`);
		return;
	}
	if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
		errors.push(`${where} is ${JSON.stringify(value)}, not one of ${JSON.stringify(schema.enum)}`);
	}
	if (actual === 'array' && schema.items) {
		(value as unknown[]).forEach((item, i) => checkValue(item, schema.items as Schema, `${where}[${i}]`, errors, depth + 1));
	}
	if (actual === 'object') checkObject(value as Record<string, unknown>, schema, where, errors, depth + 1);
}

function checkObject(value: Record<string, unknown>, schema: Schema, where: string, errors: string[], depth: number) {
	const properties = schema.properties as Record<string, Schema> | undefined;
	if (properties) {
		for (const name of (schema.required as string[] | undefined) ?? []) {
			if (name in properties && (value[name] === undefined || value[name] === null)) errors.push(`${where}.${name} is required`);
		}
		for (const [name, field] of Object.entries(value)) {
			if (!(name in properties)) {
				errors.push(`${where}.${name} is not in the spec for this operation`);
				continue;
			}
			checkValue(field, properties[name], `${where}.${name}`, errors, depth);
		}
	} else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
		for (const [name, field] of Object.entries(value)) {
			checkValue(field, schema.additionalProperties as Schema, `${where}.${name}`, errors, depth);
		}
	}
}

/**
 * An empty query value means "not set": the docs' own examples send them (list_dataset.md `format_type=`,
 * bots_list_draft_published.md `publish_status=`, list_workspace.md `?&page_num=1`).
 */
function checkQueryValue(value: string, schema: Schema | undefined): boolean {
	if (value === '') return true;
	const type = resolve(schema)?.type;
	if (type === 'integer') return /^-?\d+$/.test(value);
	if (type === 'number') return value.trim() !== '' && Number.isFinite(Number(value));
	if (type === 'boolean') return value === 'true' || value === 'false';
	return true;
}

/** Contract errors of one request; empty when it matches the spec. */
export function validateRequest(request: ContractRequest): string[] {
	const errors: string[] = [];
	const method = request.method.toLowerCase();
	const found = findOperation(request.path, method);
	if (!found) return [`${request.method} ${request.path}: path not in the spec`];
	const { operation } = found;
	if (!operation) return [`${request.method} ${request.path}: method not in the spec for ${found.template}`];
	const parameters = ((operation.parameters as Schema[] | undefined) ?? []).map((p) => resolve(p) as Schema);
	const queryParams = parameters.filter((p) => p.in === 'query');
	for (const param of queryParams) {
		const name = param.name as string;
		const value = request.query[name];
		if (value === undefined) {
			if (param.required) errors.push(`query parameter ${name} is required`);
		} else if (!checkQueryValue(value, param.schema as Schema)) {
			errors.push(`query parameter ${name}=${JSON.stringify(value)} should be ${String(resolve(param.schema as Schema)?.type)}`);
		}
	}
	for (const name of Object.keys(request.query)) {
		if (!queryParams.some((p) => p.name === name)) errors.push(`query parameter ${name} is not in the spec for this operation`);
	}
	const content = ((operation.requestBody as Schema | undefined)?.content ?? {}) as Record<string, Schema>;
	const contentType = (request.contentType ?? '').split(';')[0].trim().toLowerCase();
	const hasBody =
		request.body !== undefined &&
		request.body !== '' &&
		!(
			typeof request.body === 'object' &&
			request.body !== null &&
			!Array.isArray(request.body) &&
			Object.keys(request.body).length === 0 &&
			contentType !== 'multipart/form-data'
		);
	if (Object.keys(content).length === 0) {
		if (hasBody) errors.push('a request body was sent but the operation takes none');
		return errors;
	}
	if (contentType === 'multipart/form-data') {
		const schema = resolve(content['multipart/form-data']?.schema as Schema);
		if (!schema) return [...errors, `multipart/form-data is not accepted here (spec: ${Object.keys(content).join(', ')})`];
		const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
		const parts = request.body as { fields?: Record<string, string>; files?: Array<{ field: string }> };
		const names = new Set([...Object.keys(parts?.fields ?? {}), ...(parts?.files ?? []).map((f) => f.field)]);
		for (const name of (schema.required as string[] | undefined) ?? []) {
			if (name in properties && !names.has(name)) errors.push(`multipart part ${name} is required`);
		}
		for (const name of names) if (!(name in properties)) errors.push(`multipart part ${name} is not in the spec`);
		return errors;
	}
	const schema = resolve(content['application/json']?.schema as Schema);
	if (!schema) return [...errors, `${contentType || 'no content type'} is not accepted here`];
	if (!hasBody) {
		const required = ((schema.required as string[] | undefined) ?? []).filter((n) => n in ((schema.properties as Schema) ?? {}));
		if (required.length) errors.push(`body is missing (required: ${required.join(', ')})`);
		return errors;
	}
	checkValue(request.body, schema, 'body', errors, 0);
	return errors;
}
