import type { IDataObject } from 'n8n-workflow';

/** The Publish Status and Channel ID filters of the bot and version lists as Coze's query (the channel where it applies). */
export function publishFilters(filters: IDataObject, channelApplies = true): IDataObject {
	const qs: IDataObject = {};
	if (filters.publishStatus) qs.publish_status = filters.publishStatus;
	const channel = String(filters.connectorId ?? '').trim();
	if (channel && channelApplies) qs.connector_id = channel;
	return qs;
}
