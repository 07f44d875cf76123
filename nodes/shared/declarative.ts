import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	PostReceiveAction,
} from 'n8n-workflow';

import { credentialsBaseUrlExpression } from '../../credentials/region';

import { cozeApiError } from './errors';
import { parseJsonShape } from './json';
import { failureOf } from './transport';

/**
 * Shared pieces of the declarative Coze nodes (Conversation, Dataset, Variable). n8n's routing sends the requests
 * through the same credential types as the programmatic nodes; HTTP 401 makes n8n re-sign JWT / refresh OAuth2
 * tokens itself. What routing cannot see is Coze's HTTP 200 + `code` ≠ 0 envelope: every operation runs
 * `cozeEnvelope` first, which maps it with the one error mapper.
 */
export const cozeRequestDefaults: DeclarativeRestApiSettings.HttpRequestOptions = {
	baseURL: credentialsBaseUrlExpression,
	headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
	json: true,
};

/** postReceive: throw Coze envelope failures (code, msg, log id, hint) as NodeApiError. */
export async function cozeEnvelope(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const failure = failureOf({ statusCode: response.statusCode, headers: response.headers as IDataObject as never, body: response.body });
	if (failure) throw cozeApiError(this.getNode(), failure, this.getItemIndex());
	return items;
}

/** Routing output: check the envelope, then take `property` (a dotted path) as the items. */
export function outputFrom(property?: string, extra: PostReceiveAction[] = []): { postReceive: PostReceiveAction[] } {
	const actions: PostReceiveAction[] = [cozeEnvelope];
	if (property) actions.push({ type: 'rootProperty', properties: { property } });
	return { postReceive: [...actions, ...extra] };
}

/** postReceive factory: replace the (empty) answer of a write with a fixed summary built from the request. */
export function summaryOf(build: (ctx: IExecuteSingleFunctions) => IDataObject): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
		return [{ json: build(this) }];
	};
}

/** preSend helper type. */
export type PreSend = (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

/**
 * Pagination for page-number list endpoints, as a routing function: n8n's generic pagination cannot count pages
 * (`$request` never changes), so this asks page 1, 2, … until a page comes back shorter than the page size.
 */
export function pageNumberPagination(options: { where: 'qs' | 'body'; pageParam: string; sizeParam: string; pageSize: number }) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const results: INodeExecutionData[] = [];
		for (let page = 1; ; page++) {
			const where = options.where;
			const request = {
				...requestData,
				options: {
					...requestData.options,
					[where]: { ...((requestData.options[where] as IDataObject | undefined) ?? {}), [options.pageParam]: page, [options.sizeParam]: options.pageSize },
				},
			};
			const items = await this.makeRoutingRequest(request);
			results.push(...items);
			if (items.length < options.pageSize) return results;
		}
	};
}

/** Return All + Limit for a page-number list endpoint (Limit is sent as the page size, capped, and trims the output). */
export function returnAllOrLimit(options: {
	show: Record<string, string[]>;
	maxPageSize: number;
	pageParam?: string;
	sizeParam?: string;
	where?: 'qs' | 'body';
}): INodeProperties[] {
	const where = options.where ?? 'qs';
	const sizeParam = options.sizeParam ?? 'page_size';
	const pagination = pageNumberPagination({ where, pageParam: options.pageParam ?? 'page_num', sizeParam, pageSize: options.maxPageSize });
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show: options.show },
			routing: { send: { paginate: '={{ $value }}' }, operations: { pagination } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...options.show, returnAll: [false] } },
			routing: {
				send: { type: where === 'qs' ? 'query' : 'body', property: sizeParam, value: `={{ Math.min($value, ${options.maxPageSize}) }}` },
				output: { maxResults: '={{ $value }}' },
			},
		},
	];
}

/**
 * preSend factory: parse a JSON parameter (text or already an object/array) into `body[property]`, with a clear
 * error for invalid JSON or the wrong shape. Empty values are left out.
 */
export function jsonBodyField(parameter: string, property: string, label: string, shape: 'object' | 'array'): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const value = parseJsonShape(this, this.getNodeParameter(parameter, undefined), label, this.getItemIndex(), shape);
		if (shape === 'array' ? (value as unknown[]).length === 0 : Object.keys(value as IDataObject).length === 0) return requestOptions;
		return { ...requestOptions, body: { ...((requestOptions.body as IDataObject) ?? {}), [property]: value } };
	};
}

/**
 * Pagination for cursor lists whose next page is asked with the last item's ID (e.g. message list `before_id`):
 * continues while a page is full.
 */
export function lastIdPagination(options: { where: 'qs' | 'body'; cursorParam: string; sizeParam: string; pageSize: number }) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const results: INodeExecutionData[] = [];
		let cursor: string | undefined;
		for (;;) {
			const params = { ...((requestData.options[options.where] as IDataObject | undefined) ?? {}), [options.sizeParam]: options.pageSize };
			if (cursor) params[options.cursorParam] = cursor;
			const items = await this.makeRoutingRequest({ ...requestData, options: { ...requestData.options, [options.where]: params } });
			results.push(...items);
			cursor = items.length ? String(items[items.length - 1].json.id ?? '') : undefined;
			if (items.length < options.pageSize || !cursor) return results;
		}
	};
}
