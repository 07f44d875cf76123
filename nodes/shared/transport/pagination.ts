import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toItems } from '../items';
import { limitOf } from '../params';
import type { CozeContext, CozeRequest } from './request';
import { cozeApiRequest } from './request';

/** How one Coze list endpoint pages. */
export interface PageStyle {
	/** The request for the first page (sets the page size and start). */
	first(request: CozeRequest, pageSize: number): CozeRequest;
	/** Items of one page. */
	items(envelope: IDataObject): IDataObject[];
	/** The request for the next page, or undefined when this was the last one. */
	next(envelope: IDataObject, request: CozeRequest, page: IDataObject[], pageSize: number): CozeRequest | undefined;
}

function at(object: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], object);
}

function withParams(request: CozeRequest, where: 'qs' | 'body', params: IDataObject): CozeRequest {
	return where === 'qs' ? { ...request, qs: { ...request.qs, ...params } } : { ...request, body: { ...(request.body as IDataObject), ...params } };
}

/** page_num/page_size (or other names) with `has_more`, a total count, or a short page as the end. */
export function pageNumberStyle(options: {
	itemsPath: string;
	pageParam?: string;
	sizeParam?: string;
	where?: 'qs' | 'body';
	hasMorePath?: string;
	totalPath?: string;
}): PageStyle {
	const pageParam = options.pageParam ?? 'page_num';
	const sizeParam = options.sizeParam ?? 'page_size';
	const where = options.where ?? 'qs';
	const pageOf = (request: CozeRequest) => Number(((where === 'qs' ? request.qs : (request.body as IDataObject)) ?? {})[pageParam] ?? 1);
	return {
		first: (request, pageSize) => withParams(request, where, { [pageParam]: 1, [sizeParam]: pageSize }),
		items: (envelope) => (at(envelope, options.itemsPath) as IDataObject[] | undefined) ?? [],
		next(envelope, request, page, pageSize) {
			const pageNum = pageOf(request);
			const hasMore = options.hasMorePath ? at(envelope, options.hasMorePath) : undefined;
			const total = options.totalPath ? Number(at(envelope, options.totalPath)) : NaN;
			let more: boolean;
			if (typeof hasMore === 'boolean') more = hasMore;
			else if (Number.isFinite(total)) more = pageNum * pageSize < total;
			else more = page.length >= pageSize;
			if (!more || page.length === 0) return undefined;
			return withParams(request, where, { [pageParam]: pageNum + 1 });
		},
	};
}

/**
 * Cursor paging: the next page is asked with `cursorParam` = the answer's `cursorPath` while `has_more` is true.
 * Message lists (docs list_message.md, coze-py LastIDPaged, coze-go conversations_messages.go) page onward with
 * `after_id` = the previous answer's `last_id`.
 */
export function cursorStyle(options: {
	itemsPath: string;
	cursorParam: string;
	cursorPath: string;
	sizeParam: string;
	hasMorePath?: string;
	where?: 'qs' | 'body';
}): PageStyle {
	const where = options.where ?? 'qs';
	return {
		first: (request, pageSize) => withParams(request, where, { [options.sizeParam]: pageSize }),
		items: (envelope) => (at(envelope, options.itemsPath) as IDataObject[] | undefined) ?? [],
		next(envelope, request, page) {
			const hasMore = at(envelope, options.hasMorePath ?? 'has_more');
			const cursor = at(envelope, options.cursorPath);
			if (hasMore !== true || page.length === 0 || cursor === undefined || cursor === null || cursor === '' || cursor === '0') return undefined;
			return withParams(request, where, { [options.cursorParam]: cursor });
		},
	};
}

/**
 * Fetches pages until the style says stop or `limit` items are collected. Pages are as large as the endpoint allows
 * (`maxPageSize`), never larger than what is still needed.
 */
export async function cozePaginate(
	this: CozeContext,
	request: CozeRequest,
	style: PageStyle,
	options: { maxPageSize: number; limit?: number },
): Promise<IDataObject[]> {
	const { maxPageSize, limit } = options;
	const pageSize = limit === undefined ? maxPageSize : Math.max(1, Math.min(maxPageSize, limit));
	const results: IDataObject[] = [];
	let next: CozeRequest | undefined = style.first(request, pageSize);
	while (next) {
		const envelope = await cozeApiRequest.call(this, next);
		const page = style.items(envelope);
		results.push(...page);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		next = style.next(envelope, next, page, pageSize);
	}
	return results;
}

/**
 * What a list operation returns: the entries of `request`'s pages up to the item's Return All / Limit, pages as large
 * as the endpoint allows (`maxPageSize`), one output item per entry (`shape` adds to or reshapes an entry).
 */
export async function listItems(
	ctx: IExecuteFunctions,
	request: CozeRequest & { itemIndex: number },
	style: PageStyle,
	maxPageSize: number,
	shape: (entry: IDataObject) => IDataObject = (entry) => entry,
): Promise<INodeExecutionData[]> {
	const entries = await cozePaginate.call(ctx, request, style, { maxPageSize, limit: limitOf(ctx, request.itemIndex) });
	return toItems(entries.map(shape));
}
