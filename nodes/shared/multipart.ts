import { randomBytes } from 'crypto';

export type MultipartValue = string | number | boolean | { data: Buffer; fileName: string; mimeType: string };

/**
 * A multipart/form-data body built by hand, so uploads need no runtime dependency:
 * returns the bytes and the Content-Type header (with its boundary) to send them with.
 */
export function multipart(fields: Record<string, MultipartValue | undefined>): { body: Buffer; contentType: string } {
	const boundary = `----n8nVideoConferencing${randomBytes(12).toString('hex')}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		const safeName = name.replace(/"/g, '%22');
		if (typeof value === 'object') {
			const fileName = value.fileName.replace(/"/g, '%22').replace(/[\r\n]/g, ' ');
			parts.push(
				Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"; filename="${fileName}"\r\nContent-Type: ${value.mimeType}\r\n\r\n`),
				value.data,
				Buffer.from('\r\n'),
			);
		} else {
			parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"\r\n\r\n${String(value)}\r\n`));
		}
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
