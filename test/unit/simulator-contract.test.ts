import { findOperation, loadSpec, validateRequest } from '../simulator/contract';

describe('contract check against the official Coze OpenAPI spec', () => {
	it('compiles every path of the spec into a matcher that finds it again', () => {
		const { spec } = loadSpec();
		const paths = Object.keys(spec.paths);
		expect(paths.length).toBeGreaterThan(60);
		for (const template of paths) {
			const concrete = template.replace(/\{[^}]+\}/g, '7400000000000000001');
			const found = findOperation(concrete, Object.keys(spec.paths[template])[0]);
			expect(found).toBeDefined();
			// A static path may shadow a template (e.g. /v1/workflows/chat); the match must be equally specific.
			expect(found?.template.split('/').length).toBe(template.split('/').length);
		}
	});

	it('passes a correct /v3/chat request', () => {
		expect(
			validateRequest({
				method: 'POST',
				path: '/v3/chat',
				query: { conversation_id: '7381473525342978089' },
				contentType: 'application/json',
				body: {
					bot_id: '7400000000000000001',
					user_id: 'u1',
					stream: true,
					auto_save_history: true,
					additional_messages: [{ role: 'user', type: 'question', content: 'hi', content_type: 'text' }],
					custom_variables: { name: 'n8n' },
				},
			}),
		).toEqual([]);
	});

	it('flags conversation_id in the body of /v3/chat (it belongs in the query)', () => {
		const errors = validateRequest({
			method: 'POST',
			path: '/v3/chat',
			query: {},
			contentType: 'application/json',
			body: { bot_id: '1', user_id: 'u', conversation_id: '7381473525342978089' },
		});
		expect(errors).toEqual(['body.conversation_id is not in the spec for this operation']);
	});

	it('flags a missing required field, a wrong type and an enum violation', () => {
		expect(validateRequest({ method: 'POST', path: '/v3/chat', query: {}, contentType: 'application/json', body: { user_id: 'u' } })).toContain(
			'body.bot_id is required',
		);
		expect(
			validateRequest({
				method: 'POST',
				path: '/v3/chat',
				query: {},
				contentType: 'application/json',
				body: { bot_id: 1, user_id: 'u', stream: 'yes' },
			}),
		).toEqual(['body.bot_id should be string but is integer', 'body.stream should be boolean but is string']);
		expect(
			validateRequest({
				method: 'POST',
				path: '/v3/chat',
				query: {},
				contentType: 'application/json',
				body: { bot_id: '1', user_id: 'u', publish_status: 'live' },
			})[0],
		).toMatch(/publish_status is "live", not one of/);
	});

	it('checks nested items through $ref', () => {
		const errors = validateRequest({
			method: 'POST',
			path: '/v3/chat',
			query: {},
			contentType: 'application/json',
			body: { bot_id: '1', user_id: 'u', additional_messages: [{ role: 'user', content: 5, content_type: 'text' }] },
		});
		// The spec makes `type` required in EnterMessage2; docs/chat_v3.md says optional (contract.ts SPEC_CORRECTIONS).
		expect(errors).toEqual(['body.additional_messages[0].content should be string but is integer']);
	});

	it('checks query parameters: required, types, unknown names', () => {
		expect(validateRequest({ method: 'GET', path: '/v3/chat/retrieve', query: { chat_id: '1' }, body: undefined })).toEqual([
			'query parameter conversation_id is required',
		]);
		expect(validateRequest({ method: 'GET', path: '/v1/workspaces', query: { page_num: 'one' }, body: undefined })).toEqual([
			'query parameter page_num="one" should be integer',
		]);
		expect(validateRequest({ method: 'GET', path: '/v1/workspaces', query: { page: '1' }, body: undefined })).toEqual([
			'query parameter page is not in the spec for this operation',
		]);
		expect(validateRequest({ method: 'GET', path: '/v1/workspaces', query: { page_num: '1', page_size: '20' }, body: undefined })).toEqual([]);
	});

	it('flags unknown paths and methods', () => {
		expect(validateRequest({ method: 'GET', path: '/v1/does/not/exist', query: {}, body: undefined })[0]).toMatch(/path not in the spec/);
		expect(validateRequest({ method: 'DELETE', path: '/v3/chat', query: {}, body: undefined })[0]).toMatch(/method not in the spec/);
	});

	it('checks multipart parts of the upload endpoint', () => {
		expect(
			validateRequest({
				method: 'POST',
				path: '/v1/files/upload',
				query: {},
				contentType: 'multipart/form-data; boundary=x',
				body: { fields: {}, files: [{ field: 'file' }] },
			}),
		).toEqual([]);
		expect(
			validateRequest({
				method: 'POST',
				path: '/v1/files/upload',
				query: {},
				contentType: 'multipart/form-data; boundary=x',
				body: { fields: {}, files: [{ field: 'upload' }] },
			}),
		).toEqual(['multipart part file is required', 'multipart part upload is not in the spec']);
	});
});
