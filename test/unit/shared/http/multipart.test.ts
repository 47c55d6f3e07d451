import { Readable } from 'stream';
import type { BinaryInput } from '../../../../nodes/shared/model/descriptor';
import { isStream, readAll } from '../../../../nodes/shared/formats/streams';
import { multipart, type MultipartBody } from '../../../../nodes/shared/http/multipart';

/**
 * The body is checked by an independent parser: undici's multipart/form-data reader behind `Response.formData()`
 * (built into Node), and against RFC 7578 / RFC 2046: a boundary of at most 70 characters from the allowed set,
 * each part opened by `--boundary CRLF`, the body closed by `--boundary--`, and a Content-Length that is the body's.
 */
const inMemory = (fileName: string, mimeType: string, bytes: Buffer): BinaryInput => ({ fileName, mimeType, size: bytes.length, open: async () => bytes });

async function bytesOf(form: MultipartBody): Promise<Buffer> {
	const body = await form.open();
	return isStream(body) ? readAll(body) : body;
}

async function parse(form: MultipartBody): Promise<FormData> {
	const bytes = await bytesOf(form);
	return new Response(bytes, { headers: { 'content-type': form.headers['Content-Type'] } }).formData();
}

describe('multipart', () => {
	const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x2d, 0x2d]);

	it('gives text fields and an in-memory file that a form-data parser reads back, with the exact length', async () => {
		const form = multipart({ note: 'hi there', count: 42, flag: false, skipped: undefined, file: inMemory('logo.png', 'image/png', image) });
		const body = await form.open();
		expect(Buffer.isBuffer(body)).toBe(true);
		expect(form.headers['Content-Length']).toBe(String((body as Buffer).length));

		const data = await parse(form);
		expect([...data.keys()]).toEqual(['note', 'count', 'flag', 'file']);
		expect(data.get('note')).toBe('hi there');
		expect(data.get('count')).toBe('42');
		expect(data.get('flag')).toBe('false');
		const file = data.get('file') as File;
		expect(file.name).toBe('logo.png');
		expect(file.type).toBe('image/png');
		expect(Buffer.from(await file.arrayBuffer())).toEqual(image);
	});

	it('uses an RFC 2046 boundary, fresh for each body, that opens every part and closes the body', async () => {
		const form = multipart({ a: '1', b: '2' });
		const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(form.headers['Content-Type'])![1];
		expect(boundary.length).toBeLessThanOrEqual(70);
		expect(boundary).toMatch(/^[0-9A-Za-z'()+_,\-./:=?]+$/);
		expect(multipart({ a: '1' }).headers['Content-Type']).not.toBe(form.headers['Content-Type']);
		const text = (await bytesOf(form)).toString();
		expect(text.startsWith(`--${boundary}\r\n`)).toBe(true);
		expect(text.split(`--${boundary}\r\n`)).toHaveLength(3);
		expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
	});

	it('keeps text with line breaks and dashes as it is', async () => {
		const value = 'line 1\r\nline 2\n--not-a-boundary--';
		expect((await parse(multipart({ text: value }))).get('text')).toBe(value);
	});

	it('escapes quotes and drops line breaks in names, so a name cannot add a part or a header', async () => {
		const form = multipart({ 'we"ird': 'x', file: inMemory('a"b\r\nContent-Type: text/html.txt', 'text/plain', Buffer.from('ok')) });
		// A quote goes as %22, as the HTML form encoding writes it (and a parser reads it back); no raw CR or LF in a header.
		const headers = (await bytesOf(form)).toString().split('\r\n').filter((line) => line.startsWith('Content-'));
		expect(headers).toEqual([
			'Content-Disposition: form-data; name="we%22ird"',
			'Content-Disposition: form-data; name="file"; filename="a%22b  Content-Type: text/html.txt"',
			'Content-Type: text/plain',
		]);
		const data = await parse(form);
		expect([...data.keys()]).toEqual(['we"ird', 'file']);
		const file = data.get('file') as File;
		expect(file.name).toBe('a"b  Content-Type: text/html.txt');
		expect(file.type).toBe('text/plain');
		expect(await file.text()).toBe('ok');
	});

	it('streams a file n8n stores outside memory, opening it anew for each attempt', async () => {
		const bytes = Buffer.alloc(8_000, 'abc\n');
		let opened = 0;
		const stored: BinaryInput = {
			fileName: 'big.txt',
			mimeType: 'text/plain',
			size: bytes.length,
			open: async () => (opened++, Readable.from([bytes.subarray(0, 3_000), bytes.subarray(3_000)])),
		};
		const form = multipart({ file: stored, note: 'n' });
		for (const attempt of [1, 2]) {
			const body = await form.open();
			expect(isStream(body)).toBe(true);
			const sent = await readAll(body as Readable);
			expect(opened).toBe(attempt);
			expect(form.headers['Content-Length']).toBe(String(sent.length));
			const data = await new Response(sent, { headers: { 'content-type': form.headers['Content-Type'] } }).formData();
			expect(Buffer.from(await (data.get('file') as File).arrayBuffer())).toEqual(bytes);
			expect(data.get('note')).toBe('n');
		}
	});

	it('makes a body of the closing delimiter only when no field is given', async () => {
		const form = multipart({ nothing: undefined });
		const boundary = form.headers['Content-Type'].split('boundary=')[1];
		expect((await bytesOf(form)).toString()).toBe(`--${boundary}--\r\n`);
		expect(form.headers['Content-Length']).toBe(String(boundary.length + 6));
	});
});
