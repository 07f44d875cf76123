import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { idText, optionParameter, parameterOf, requiredId } from '../../shared/params';

/**
 * bot_id or app_id (exactly one), connector_id and connector_uid. docs read_variable.md and update_variable.md list
 * connector_uid as required for both reading and writing.
 */
export function ownerTarget(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const ownerType = optionParameter(ctx, 'ownerType', itemIndex, 'Owner', ['bot', 'app'], 'bot');
	const owner = ownerType === 'bot' ? requiredId(ctx, 'botId', itemIndex, 'Bot') : requiredId(ctx, 'appId', itemIndex, 'App ID');
	// Coze keeps variables per end user (connector_uid): reading and writing both need one.
	const userId = requiredId(ctx, 'userId', itemIndex, 'User ID');
	const connectorId = idText(ctx, parameterOf(ctx, 'connectorId', itemIndex, '1024'), 'Channel', itemIndex);
	const target: IDataObject = { [ownerType === 'bot' ? 'bot_id' : 'app_id']: owner, connector_uid: userId };
	if (connectorId) target.connector_id = connectorId;
	return target;
}
