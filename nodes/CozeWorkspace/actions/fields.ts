import type { INodeProperties } from 'n8n-workflow';

import { workspaceLocator } from '../../shared/descriptions';

/** The workspace an operation acts in (required); `description` says what for. */
export const workspaceField = (description: string): INodeProperties => workspaceLocator({ required: true, description });

/** The users Member Add / Remove send (comma-separated); `description` says how many go in one call. */
export const userIdsField = (description: string): INodeProperties => ({
	displayName: 'User IDs',
	name: 'userIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: '2069720456000000, 5524258580000000',
	description,
});
