import type { ICredentialType, IHttpRequestOptions } from 'n8n-workflow';

import { CozeApi } from '../../credentials/CozeApi.credentials';
import { CozeJwtApi } from '../../credentials/CozeJwtApi.credentials';

/**
 * n8n calls a credential's `authenticate` for every request. As a function (which n8n's credentials helper calls
 * directly, in 1.x and 2.x alike) it costs no expression evaluation; the engine tests prove each auth mode end to end.
 */
describe.each([
	['Coze API', new CozeApi()],
	['Coze OAuth JWT', new CozeJwtApi()],
])('%s credential authenticate', (_name, type: ICredentialType) => {
	it('is a function that sets the Bearer header and keeps the request as it was otherwise', async () => {
		expect(typeof type.authenticate).toBe('function');
		const authenticate = type.authenticate as (credentials: object, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
		const options: IHttpRequestOptions = {
			method: 'POST',
			url: 'https://api.coze.cn/v3/chat',
			qs: { conversation_id: '7400000000000000001' },
			body: { stream: true },
			headers: { Accept: 'text/event-stream, application/json', 'X-Extra': 'kept' },
		};
		const result = await authenticate({ region: 'cn', accessToken: 'pat_token_{{ $json.not_an_expression }}' }, options);
		expect(result).toEqual({
			method: 'POST',
			url: 'https://api.coze.cn/v3/chat',
			qs: { conversation_id: '7400000000000000001' },
			body: { stream: true },
			headers: {
				Accept: 'text/event-stream, application/json',
				'X-Extra': 'kept',
				Authorization: 'Bearer pat_token_{{ $json.not_an_expression }}',
			},
		});
	});

	it('replaces an Authorization header already set (a retry after a token renewal)', async () => {
		const authenticate = type.authenticate as (credentials: object, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
		const first = await authenticate({ accessToken: 'old' }, { url: 'https://api.coze.com/v1/workspaces' });
		const again = await authenticate({ accessToken: 'new' }, first);
		expect(again.headers).toEqual({ Authorization: 'Bearer new' });
	});
});
