import type { IDataObject } from 'n8n-workflow';
import type { FileKind, OperationContext } from '../shared/model/descriptor';
import { multipart } from '../shared/http/multipart';

// Calls and outputs several Digital Samba resources share (chat, Q&A, polls, quizzes); their parameters are in fields.ts.

/** The parameters of an export (fields.ts exportParams): the room, the format, and options sent as query parameters. */
interface ExportParams {
	roomId: string;
	format: string;
	options?: IDataObject;
}

/** GET {path}?format&…options, answered as a file named {base}-{room}.{format}. */
export function exportCall(path: (p: ExportParams) => string, base: string): FileKind<ExportParams> {
	return {
		request: (p) => ({ method: 'GET', path: path(p), qs: { format: p.format, ...(p.options ?? {}) } }),
		binaryOutput: { fileName: (p) => `${base}-${p.roomId}.${p.format}` },
	};
}

/** The answer when it has content, else `{ success: true, ...extra }` (action calls answer 200 with an empty body or {}). */
export const answered = <P>(extra: (p: P) => IDataObject) => (body: unknown, p: P) =>
	body && typeof body === 'object' && Object.keys(body).length ? (body as IDataObject) : { success: true, ...extra(p) };

/** The parameters of a CSV import (fields.ts importParams): the room and the input binary field. */
interface ImportParams {
	roomId: string;
	binaryPropertyName: string;
}

/** POST the input file to `path` as the multipart field `file` (the field the contract names for CSV imports). */
export const importCsv = (path: (p: ImportParams) => string) => async (ctx: OperationContext, p: ImportParams) => {
	const file = await ctx.readBinary(String(p.binaryPropertyName));
	const form = multipart({ file });
	const { body } = await ctx.send({
		method: 'POST', path: path(p),
		body: form.open, headers: form.headers,
		// Every row becomes a poll or quiz: sent once, so none is made twice.
		repeatable: false,
	});
	return answered(() => ({ roomId: p.roomId, fileName: file.fileName }))(body, p);
};

/** GET {path}: the CSV to fill in for an import, as a file named {fileName}. */
export const templateCall = (path: (p: { roomId: string }) => string, fileName: string): FileKind<{ roomId: string }> => ({
	request: (p) => ({ method: 'GET', path: path(p) }),
	binaryOutput: { fileName: () => fileName, mimeType: 'text/csv' },
});
