import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { bearerTokenAuthenticate, regionProperties, workspaceListTest } from './region';

export class CozeApi implements ICredentialType {
	name = 'cozeApi';

	displayName = 'Coze API';

	icon: Icon = { light: 'file:../icons/coze.svg', dark: 'file:../icons/coze.dark.svg' };

	documentationUrl = 'https://www.coze.com/open/docs/developer_guides/pat';

	properties: INodeProperties[] = [
		...regionProperties,
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A personal access token (starts with pat_) or a service access token, created under API → Authorization in the Coze console of the selected region',
		},
	];

	authenticate = bearerTokenAuthenticate;

	test = workspaceListTest;
}
