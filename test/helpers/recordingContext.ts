import type { IDataObject } from 'n8n-workflow';
import type { OperationContext, RequestSpec } from '../../nodes/shared/model/descriptor';

/**
 * An OperationContext for running descriptors without a provider: every call is handed to `record` and answered 200
 * with `answer`; files, uploads and pauses do nothing. For tests that walk every operation (coverage, parameter names).
 */
export function recordingContext(credentials: IDataObject, answer: unknown, record: (spec: RequestSpec) => void = () => undefined): OperationContext {
	return {
		itemIndex: 0,
		credentials,
		send: async (spec) => {
			record(spec);
			return { statusCode: 200, headers: {}, body: answer, attempts: 1 };
		},
		fail: () => {
			throw new Error('fail');
		},
		error: (message) => new Error(message),
		notYet: (message) => new Error(message),
		download: async () => Buffer.from(''),
		upload: async () => ({}),
		pause: async () => undefined,
		downloadBinary: async () => ({ binary: { data: '', mimeType: 'video/mp4' }, bytes: 0 }),
		readBinary: async () => ({ fileName: 'f.csv', mimeType: 'text/csv', size: 4, open: async () => Buffer.from('a,b\n') }),
		// No memo across calls here: each descriptor run computes afresh.
		once: async (_key, compute) => await compute(),
	};
}
