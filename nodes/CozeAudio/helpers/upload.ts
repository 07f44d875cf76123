import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BinaryUpload } from '../../shared/files';
import { binaryMultipart } from '../../shared/files';
import { textParameter } from '../../shared/params';
import { cozeApiData } from '../../shared/transport';

/** Coze's limit for one audio file (docs audio_transcriptions.md, clone_voices.md). */
export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;

/** The Input Binary Field of an audio upload (`what` it holds, e.g. "audio"), required. */
export function binaryFieldOf(ctx: IExecuteFunctions, itemIndex: number, what: string): string {
	const propertyName = textParameter(ctx, 'binaryPropertyName', itemIndex, 'Input Binary Field').trim();
	if (!propertyName) throw new NodeOperationError(ctx.getNode(), `Enter the binary field holding the ${what}, e.g. data`, { itemIndex });
	return propertyName;
}

/**
 * Sends an audio file of the item to Coze as multipart (`fields` beside it), refusing files over 10 MB (`limitText`
 * says why) and empty ones; Coze may take minutes to answer (transcription, voice training).
 */
export async function postAudio(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	request: { path: string; fields?: Record<string, string>; limitText: string },
): Promise<{ upload: BinaryUpload; data: IDataObject }> {
	const upload = await binaryMultipart(ctx, itemIndex, propertyName, {
		maxBytes: MAX_AUDIO_BYTES,
		fields: request.fields,
		limitText: request.limitText,
	});
	if (upload.size === 0) throw new NodeOperationError(ctx.getNode(), `"${upload.fileName}" is empty`, { itemIndex });
	const data = await cozeApiData.call(ctx, {
		method: 'POST',
		path: request.path,
		...upload.request,
		itemIndex,
		timeoutMs: 10 * 60_000,
	});
	return { upload, data };
}
