import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { cozeApiData } from './transport';

/** Coze's upload limit for one file. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** Uploads the binary property of an input item to Coze (POST /v1/files/upload, multipart part `file`). */
export async function uploadBinaryProperty(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<IDataObject & { id: string; mimeType: string; fileName: string }> {
	const binary = ctx.helpers.assertBinaryData(itemIndex, propertyName);
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	const fileName = binary.fileName ?? `${propertyName}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const form = new FormData();
	form.append('file', new Blob([buffer], { type: binary.mimeType || 'application/octet-stream' }), fileName);
	const file = await cozeApiData.call(ctx, {
		method: 'POST',
		path: '/v1/files/upload',
		body: form,
		itemIndex,
		timeoutMs: 10 * 60_000,
	});
	return { ...(file ?? {}), id: String(file?.id ?? ''), mimeType: binary.mimeType, fileName };
}
