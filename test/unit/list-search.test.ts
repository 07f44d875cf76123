import { matchesFilter, nextPageToken, pageQuery } from '../../nodes/shared/listSearch';

/** The paging helper every resource locator picker is made with (nodes/shared/listSearch.ts picker()). */
describe('picker paging', () => {
	it('asks for page_num / page_size, the first page when n8n has no token or a token that is not a page', () => {
		const paging = { pageSize: 50, total: 'total' };
		expect(pageQuery(paging)).toEqual({ page_num: 1, page_size: 50 });
		expect(pageQuery(paging, '3')).toEqual({ page_num: 3, page_size: 50 });
		for (const token of ['0', '-2', '1.5', 'abc', '']) expect(pageQuery(paging, token)).toEqual({ page_num: 1, page_size: 50 });
	});

	it('counts pages against the total: a next page while page × size < total, none on the last page', () => {
		const paging = { pageSize: 50, total: 'total_count' };
		expect(nextPageToken(paging, undefined, { total_count: 51 })).toBe('2');
		expect(nextPageToken(paging, '2', { total_count: 101 })).toBe('3');
		expect(nextPageToken(paging, '2', { total_count: 100 })).toBeUndefined();
		expect(nextPageToken(paging, undefined, { total_count: 50 })).toBeUndefined();
		expect(nextPageToken(paging, undefined, { total: 500 })).toBeUndefined(); // another key: not this endpoint's total
		expect(nextPageToken(paging, undefined, undefined)).toBeUndefined();
	});

	it('follows has_more for the endpoints that answer it', () => {
		const paging = { pageSize: 20, hasMore: true as const };
		expect(nextPageToken(paging, undefined, { has_more: true })).toBe('2');
		expect(nextPageToken(paging, '4', { has_more: true, total: 0 })).toBe('5');
		expect(nextPageToken(paging, '4', { has_more: false })).toBeUndefined();
		expect(nextPageToken(paging, '4', { has_more: 'true' })).toBeUndefined();
	});

	it("hands Coze's page token back and forth for the token-paged endpoints", () => {
		const paging = { pageSize: 30, token: true as const };
		expect(pageQuery(paging)).toEqual({ page_size: 30 });
		expect(pageQuery(paging, 'abc')).toEqual({ page_size: 30, page_token: 'abc' });
		expect(nextPageToken(paging, undefined, { has_more: true, next_page_token: 'abc' })).toBe('abc');
		expect(nextPageToken(paging, 'abc', { has_more: true, next_page_token: '' })).toBeUndefined();
		expect(nextPageToken(paging, 'abc', { has_more: false, next_page_token: 'def' })).toBeUndefined();
	});

	it('filters case-insensitively on any of the texts given', () => {
		expect(matchesFilter(undefined, 'Echo')).toBe(true);
		expect(matchesFilter('', undefined)).toBe(true);
		expect(matchesFilter('ECH', 'echo bot')).toBe(true);
		expect(matchesFilter('night', '1.0.2', 'Nightly build')).toBe(true);
		expect(matchesFilter('night', '1.0.2', undefined)).toBe(false);
	});
});
