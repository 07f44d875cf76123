import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { cozeApiError, describeCozeFailure, hintFor, redactSecrets } from '../../nodes/shared/errors';
import { failureOf } from '../../nodes/shared/transport';

const node: INode = { id: '1', name: 'Coze', type: 'n8n-nodes-coze-api.cozeChat', typeVersion: 1, position: [0, 0], parameters: {} };

describe('failureOf: what counts as a Coze failure', () => {
	it('code 0 with HTTP 200 is success', () => {
		expect(failureOf({ statusCode: 200, headers: {}, body: { code: 0, msg: '', data: {} } })).toBeUndefined();
	});
	it('a business code with HTTP 200 is a failure, log id from the header first', () => {
		const failure = failureOf({
			statusCode: 200,
			headers: { 'x-tt-logid': 'LOG1' },
			body: { code: 4200, msg: 'not found', detail: { logid: 'LOG2' } },
		});
		expect(failure).toMatchObject({ code: 4200, msg: 'not found', logId: 'LOG1', httpStatus: 200 });
	});
	it('falls back to detail.logid', () => {
		expect(failureOf({ statusCode: 200, headers: {}, body: { code: 4100, msg: 'x', detail: { logid: 'LOG2' } } })?.logId).toBe('LOG2');
	});
	it('OAuth error_code and error_message are failures', () => {
		expect(failureOf({ statusCode: 400, headers: {}, body: { error_code: 'invalid_grant', error_message: 'bad' } })).toMatchObject({
			code: 'invalid_grant',
			msg: 'bad',
		});
		expect(failureOf({ statusCode: 200, headers: {}, body: { error_message: 'only message' } })?.msg).toBe('only message');
	});
	it('HTTP >= 400 without an envelope is a failure', () => {
		expect(failureOf({ statusCode: 503, headers: {}, body: {} })).toMatchObject({ httpStatus: 503 });
	});
	it('a non-JSON body is a failure that keeps the text', () => {
		const failure = failureOf({ statusCode: 502, headers: {}, body: '<html>Bad Gateway</html>' });
		expect(failure?.nonJsonBody).toContain('Bad Gateway');
	});
	it('JSON text bodies are parsed', () => {
		expect(failureOf({ statusCode: 200, headers: {}, body: '{"code":4013,"msg":"rate"}' })).toMatchObject({ code: 4013 });
	});
	it('a workflow run with data and debug_url is a success', () => {
		expect(failureOf({ statusCode: 200, headers: {}, body: { code: 0, data: '{"output":1}', debug_url: 'https://x' } })).toBeUndefined();
	});
});

describe('hints', () => {
	it.each([
		[{ code: 4100 }, /Region/],
		[{ code: 4101 }, /permission/],
		[{ code: 4200 }, /published/],
		[{ code: 4013 }, /Rate limited/],
		[{ code: 4016 }, /one running chat/],
		[{ code: 4104 }, /can no longer be cancelled/],
		[{ code: 4000, msg: 'workflow not published' }, /publish/],
		[{ httpStatus: 502, nonJsonBody: '<html>' }, /non-JSON/],
		[{ httpStatus: 500 }, /server error/],
	])('%j', (failure, hint) => {
		expect(hintFor(failure)).toMatch(hint);
	});
});

describe('cozeApiError', () => {
	it('is a NodeApiError with code, message, log id and hint; secrets redacted', () => {
		const error = cozeApiError(
			node,
			{ httpStatus: 200, code: 4100, msg: 'token pat_abcdefghijklmnop invalid', logId: 'LOG9', endpoint: 'GET /v1/workspaces' },
			2,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Coze API error (code 4100, HTTP 200): token [redacted] invalid');
		expect(error.description).toContain('Log ID: LOG9');
		expect(error.description).toContain('Region');
		expect(error.httpCode).toBe('200');
		expect(error.context.itemIndex).toBe(2);
		expect(JSON.stringify(error)).not.toContain('pat_abcdefghijklmnop');
	});
	it('describes failures without a code', () => {
		expect(describeCozeFailure({ msg: 'could not reach Coze' }).message).toBe('Coze API error: could not reach Coze');
	});
});

describe('redactSecrets', () => {
	it('removes PATs, bearer tokens, JWTs and private keys', () => {
		const text = [
			'pat_1234567890abcdef',
			'Authorization: Bearer abc.def.ghijklmnop',
			'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIxIn0.c2lnbmF0dXJl',
			'-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
		].join(' ');
		const out = redactSecrets(text);
		expect(out).not.toMatch(/pat_1234|abc\.def|eyJhbGci|MIIEvQ/);
	});
});
