import { randomBytes } from 'crypto';
import type { BinaryInput } from '../model/descriptor';
import { type Body, isStream, streamOf } from '../formats/streams';

export type MultipartValue = string | number | boolean | BinaryInput;

/** A multipart/form-data body: its headers (the boundary, the exact length) and a way to open its bytes. */
export interface MultipartBody {
	headers: { 'Content-Type': string; 'Content-Length': string };
	/** The bytes: a Buffer when every file is in memory, else a stream that reads the files as it is sent. */
	open(): Promise<Body>;
}

/**
 * A multipart/form-data body built by hand, so uploads need no runtime dependency. A file n8n keeps on disk or in
 * object storage is streamed, never read into memory; the length is known beforehand, so no chunked encoding.
 */
export function multipart(fields: Record<string, MultipartValue | undefined>): MultipartBody {
	const boundary = `----n8nVideoConferencing${randomBytes(12).toString('hex')}`;
	const parts: Array<Buffer | BinaryInput> = [];
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		const safeName = name.replace(/"/g, '%22');
		if (typeof value === 'object') {
			const fileName = value.fileName.replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
			parts.push(
				Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"; filename="${fileName}"\r\nContent-Type: ${value.mimeType}\r\n\r\n`),
				value,
				Buffer.from('\r\n'),
			);
		} else {
			parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"\r\n\r\n${String(value)}\r\n`));
		}
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	const length = parts.reduce((sum, part) => sum + (Buffer.isBuffer(part) ? part.length : part.size), 0);
	return {
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(length) },
		open: async () => {
			const opened = await Promise.all(parts.map(async (part) => (Buffer.isBuffer(part) ? part : await part.open())));
			const stream = opened.find(isStream);
			if (!stream) return Buffer.concat(opened as Buffer[]);
			async function* chunks() {
				for (const part of opened) {
					if (Buffer.isBuffer(part)) yield part;
					else for await (const chunk of part as AsyncIterable<Buffer>) yield chunk;
				}
			}
			return streamOf(stream, chunks());
		},
	};
}
