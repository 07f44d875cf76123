import { MAX_REDIRECTS, isRedirect, redirectDecision } from '../../nodes/shared/transport/redirects';

describe('redirectDecision: where a 3xx answer may take the credential', () => {
	const from = 'https://api.coze.cn/v1/conversation/retrieve?conversation_id=1';

	it.each([
		['same origin, absolute', 'GET', 302, 'https://api.coze.cn/v1/other', 'https://api.coze.cn/v1/other'],
		['same origin, relative', 'GET', 301, '/v1/other?x=1', 'https://api.coze.cn/v1/other?x=1'],
		['POST 307 keeps method and body', 'POST', 307, '/v3/chat', 'https://api.coze.cn/v3/chat'],
		['POST 308', 'POST', 308, '/v3/chat', 'https://api.coze.cn/v3/chat'],
		[
			'http → https on the same host',
			'GET',
			301,
			'https://studio.example.com/v1/x',
			'https://studio.example.com/v1/x',
			'http://studio.example.com/v1/x',
		],
	])('follows: %s', (_what, method, status, location, expected, source = from) => {
		expect(redirectDecision(source, location, method, status, 0, true)).toEqual({ follow: expected });
	});

	it.each([
		[
			'another host',
			'GET',
			302,
			'https://evil.example.com/v1/x',
			/to https:\/\/evil\.example\.com\/v1\/x, another address than the credential's https:\/\/api\.coze\.cn; not followed/,
		],
		['a subdomain', 'GET', 302, 'https://x.api.coze.cn/v1/x', /another address/],
		['another port', 'GET', 302, 'https://api.coze.cn:8443/v1/x', /another address/],
		['a downgrade to http', 'GET', 302, 'http://api.coze.cn/v1/x', /another address/],
		['another scheme', 'GET', 302, 'ftp://api.coze.cn/x', /to a ftp: address; not followed/],
		['no Location', 'GET', 302, undefined, /and no Location/],
		['POST 302 would become a GET', 'POST', 302, '/v1/x', /turn the POST into a GET/],
		['POST 303', 'POST', 303, '/v1/x', /turn the POST into a GET/],
	])('refuses: %s', (_what, method, status, location, message) => {
		const decision = redirectDecision(from, location, method, status, 0, true);
		expect('refuse' in decision && decision.refuse).toMatch(message);
	});

	it('never shows the query of the target (it may carry the other side’s secrets)', () => {
		const decision = redirectDecision(from, 'https://evil.example.com/x?sig=abc', 'GET', 302, 0, true);
		expect(JSON.stringify(decision)).not.toContain('sig=abc');
	});

	it('refuses a streamed upload (it cannot be sent twice) and a chain longer than the limit', () => {
		expect(redirectDecision(from, '/v1/files/upload', 'POST', 307, 0, false)).toEqual({
			refuse: 'answered POST with HTTP 307 to https://api.coze.cn/v1/files/upload; not followed: a streamed upload cannot be sent a second time',
		});
		expect(redirectDecision(from, '/v1/x', 'GET', 302, MAX_REDIRECTS, true)).toEqual({
			refuse: `answered GET with HTTP 302 to https://api.coze.cn/v1/x after ${MAX_REDIRECTS} redirects; not followed any further`,
		});
	});

	it('isRedirect: 3xx except 304', () => {
		expect([200, 301, 302, 303, 304, 307, 308, 400].map(isRedirect)).toEqual([false, true, true, true, false, true, true, false]);
	});
});
