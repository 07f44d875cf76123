import { Credentials } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow, isExpression } from 'n8n-workflow';

import { HarnessNodeTypes } from './node-types';

/** Hidden OAuth fields n8n never takes from stored data: they always come from the credential type's default. */
const OAUTH_PINNED_FIELDS = ['authUrl', 'accessTokenUrl', 'grantType', 'scope', 'authQueryParameters', 'authentication'];

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * The credentials side of n8n's CLI (packages/cli/src/credentials-helper.ts) without its database: the same
 * order of work for defaults, hidden-field pinning, expression resolution with `$self`, generic `authenticate`,
 * `preAuthentication` on an empty expirable field or after a 401 (persisted), and OAuth token persistence.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, StoredCredential>();

	/** The credential type of every load-and-decrypt (getDecrypted) n8n asked for, in order (tests count them). */
	readonly decryptions: string[] = [];

	/** Every persisted update, newest last (tests assert on token rotation). */
	readonly updates: Array<{ id: string; type: string; data: ICredentialDataDecryptedObject }> = [];

	private readonly types = new Map<string, ICredentialType>();

	constructor(credentialTypes: ICredentialType[]) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	getType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.getType(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incoming as IHttpRequestOptions;
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic' && workflow && node) {
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				const target = ((requestOptions as unknown as Record<string, Record<string, string>>)[outerKey] ??= {});
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					target[this.resolve(key, credentials, workflow, node)] = this.resolve(value, credentials, workflow, node);
				}
			}
		}
		return requestOptions;
	}

	private resolve(value: string, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode) {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as never, undefined, '');
		return resolved ? String(resolved) : '';
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[typeName];
		if (details) {
			await this.updateCredentials(details, typeName, { ...this.raw(details).data, ...output });
			return Object.assign(credentials, output);
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	private raw(details: INodeCredentialsDetails): StoredCredential {
		const stored = details.id ? this.store.get(details.id) : undefined;
		if (!stored) throw new Error(`Credential ${details.id ?? details.name} not found`);
		return stored;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string) {
		const stored = this.raw(details);
		const credentials = new Credentials({ id: stored.id, name: stored.name }, type);
		await credentials.setData(stored.data);
		return credentials;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getType(type);
		if (!credentialType.extends) {
			if (type === 'oAuth2Api') {
				return [...credentialType.properties, { displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} }];
			}
			return credentialType.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		details: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		_executeData?: IExecuteData,
		raw?: boolean,
		_expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptions.push(type);
		const original = structuredClone(this.raw(details).data);
		if (raw === true) return original;
		const properties = this.getCredentialsProperties(type);
		const stored = { ...original };
		for (const field of OAUTH_PINNED_FIELDS) {
			if (properties.some((p) => p.name === field && p.type === 'hidden')) delete stored[field];
		}
		let decrypted = NodeHelpers.getNodeParameters(properties, stored as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) decrypted.oauthTokenData = original.oauthTokenData;
		const mockNode: INode = { id: 'mock', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
		const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: new HarnessNodeTypes([]) });
		decrypted = workflow.expression.getComplexParameterValue(
			mockNode,
			decrypted as INodeParameters,
			'internal',
			{},
			undefined,
			undefined,
			decrypted,
		) as ICredentialDataDecryptedObject;
		return decrypted;
	}

	async updateCredentials(details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		const stored = this.raw(details);
		stored.data = structuredClone(data);
		this.updates.push({ id: stored.id, type, data: structuredClone(data) });
	}

	async updateCredentialsOauthTokenData(details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		const stored = this.raw(details);
		await this.updateCredentials(details, type, { ...stored.data, oauthTokenData: data.oauthTokenData });
	}
}
