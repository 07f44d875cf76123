import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nodeOf, numberValue, textParameter } from '../../shared/params';

/** File types a text knowledge base takes as base64 (docs create_knowledge_files.md, SourceInfo.file_type). */
const TEXT_TYPES = ['pdf', 'txt', 'doc', 'docx'];

/**
 * The API page names no size limit for base64 documents; Coze's own knowledge upload accepts local documents up to
 * 100 MB. Checked from the binary's metadata before anything is read (base64 makes the request 4/3 as large).
 */
const MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

/** chunk_strategy of a text document: automatic, or custom (separator, max tokens, cleaning) from Options. */
export function chunkStrategy(ctx: IExecuteFunctions, options: IDataObject, itemIndex: number): IDataObject {
	if (options.chunking !== 'custom') return { chunk_type: 0 };
	return {
		chunk_type: 1,
		separator: String(options.separator ?? '\n'),
		max_tokens: numberValue(ctx, options.maxTokens ?? 800, 'Max Tokens', itemIndex, { min: 100, max: 2000 }),
		remove_extra_spaces: options.removeExtraSpaces === true,
		remove_urls_emails: options.removeUrlsEmails === true,
	};
}

/** Size of a binary without reading it: n8n's metadata for stored binaries, the base64 length for inline ones. */
async function binarySize(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (binary.id) return Number((await ctx.helpers.getBinaryMetadata(binary.id)).fileSize);
	return Math.floor((binary.data?.length ?? 0) * 0.75);
}

/** A file from n8n as base64: type and size checked before anything is read. */
export async function base64Source(ctx: IExecuteFunctions, itemIndex: number): Promise<{ name: string; sourceInfo: IDataObject }> {
	const property = textParameter(ctx, 'binaryPropertyName', itemIndex, 'Input Binary Field', { required: true }).trim();
	const binary = ctx.helpers.assertBinaryData(itemIndex, property);
	const extension = (binary.fileExtension || binary.fileName?.split('.').pop() || '').toLowerCase();
	if (!TEXT_TYPES.includes(extension)) {
		throw new NodeOperationError(nodeOf(ctx), `A text knowledge base takes ${TEXT_TYPES.join(', ')} files; this one is "${extension || 'unknown'}"`, {
			itemIndex,
			description:
				'Coze accepts pdf, txt, doc and docx as local files (docs create_knowledge_files.md). Convert the file first (e.g. Markdown → TXT), or add a web page instead.',
		});
	}
	const size = await binarySize(ctx, binary);
	if (size > MAX_DOCUMENT_BYTES) {
		throw new NodeOperationError(
			nodeOf(ctx),
			`"${binary.fileName ?? property}" is ${Math.round(size / 1048576)} MB; Coze takes knowledge documents up to 100 MB`,
			{ itemIndex },
		);
	}
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	return { name: binary.fileName ?? `document.${extension}`, sourceInfo: { file_base64: buffer.toString('base64'), file_type: extension } };
}
