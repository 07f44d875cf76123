import { randomUUID } from 'crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { Workflow, isExpression } from 'n8n-workflow';
import { Container } from '@n8n/di';
import { OutboundHttp } from '@n8n/backend-network';

import type { Harness } from './index';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Tests a stored credential the way n8n's credentials tester does: preAuthentication for the mock test node,
 * the type's `test.request` with expressions resolved against `$credentials`, authenticate, then the rules.
 */
export async function testCredential(harness: Harness, credentialId: string): Promise<CredentialTestResult> {
	const stored = harness.credentialsHelper.store.get(credentialId);
	if (!stored) throw new Error(`no credential ${credentialId}`);
	const helper = harness.credentialsHelper;
	const type = helper.getType(stored.type);
	if (!type.test?.request) throw new Error(`${stored.type} has no test request`);
	const node: INode = {
		id: randomUUID(),
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [stored.type]: { id: stored.id, name: stored.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: harness.nodeTypes });
	const credentials = (await helper.getDecrypted(
		{} as never,
		{ id: stored.id, name: stored.name },
		stored.type,
		'internal',
	)) as ICredentialDataDecryptedObject;
	const http = Container.get(OutboundHttp).requests();
	try {
		const pre = await helper.preAuthentication(
			{ helpers: { httpRequest: async (o: IHttpRequestOptions) => await http.request(o) } } as never,
			credentials,
			stored.type,
			node,
			false,
		);
		if (pre) Object.assign(credentials, pre);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	const resolve = (value: unknown) =>
		typeof value === 'string' && isExpression(value)
			? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as never, undefined, '')
			: value;
	const { baseURL, url, ...rest } = type.test.request;
	let options: IHttpRequestOptions = {
		...(rest as object),
		method: (rest.method as IHttpRequestOptions['method']) ?? 'GET',
		url: `${String(resolve(baseURL) ?? '')}${String(resolve(url) ?? '')}`,
		json: true,
		returnFullResponse: true,
	};
	options = await helper.authenticate(credentials, stored.type, options, workflow, node);
	let response: { statusCode: number; body: Record<string, unknown> };
	try {
		response = (await http.request(options)) as typeof response;
	} catch (error) {
		const status = (error as { response?: { status?: number } }).response?.status;
		// As n8n's CredentialsTester: responseCode rules decide the message of a failed answer.
		const rule = (type.test.rules ?? []).find((r) => r.type === 'responseCode' && r.properties.value === status);
		if (status && rule) return { status: 'Error', message: rule.properties.message };
		return { status: 'Error', message: status ? `Authorization failed - please check your credentials (HTTP ${status})` : (error as Error).message };
	}
	for (const rule of type.test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const value = String(rule.properties.key)
				.split('.')
				.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], response.body);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
