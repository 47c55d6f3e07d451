import { text, type Ctx, type RouteHandler } from './context';
import type { DsLibrary } from './model';
import type { SpecOperation } from './spec';
import { isObject, notFound, paginate } from './util';

/**
 * The route every operation without a stateful handler gets: it checks that the resources its path names exist
 * (404 otherwise), validates the body against the spec's request schema (done by the dispatcher), and answers
 * with the documented success status and example. Paginated examples are paged with limit/offset/order/after;
 * the spec's "HTTP/1.1 200 OK" text examples of the action routes become an empty 200, as the real API answers.
 */
export function genericRoute(op: SpecOperation): RouteHandler {
	return (ctx) => {
		resolvePathParams(ctx);
		if (op.successStatus === 204 || op.successStatus === 202) return { status: op.successStatus };
		if (op.contentType?.startsWith('text/')) {
			const example = typeof op.example === 'string' ? op.example : '';
			return !example || /^HTTP\/1\.1 \d{3}/.test(example) ? { status: op.successStatus } : { ...text(example), status: op.successStatus };
		}
		const example = structuredClone(op.example ?? {}) as unknown;
		if (isObject(example) && Array.isArray(example.data) && 'total_count' in example) {
			const rows = (example.data as unknown[]).map((item, i) => ({ id: String((item as { id?: unknown })?.id ?? i), seq: i, item }));
			const { items, total } = paginate(rows, ctx.query);
			return { status: op.successStatus, body: { ...example, data: items.map((r) => r.item), total_count: typeof example.total_count === 'string' ? String(total) : total } };
		}
		return { status: op.successStatus, body: example };
	};
}

/** 404 for any `{param}` naming a resource the simulator does not hold. */
export function resolvePathParams(ctx: Ctx): void {
	const { model, params } = ctx;
	let library: DsLibrary | undefined;
	for (const [name, value] of Object.entries(params)) {
		switch (name) {
			case 'room':
				model.room(value);
				break;
			case 'session':
				model.session(value);
				break;
			case 'participant':
				model.participant(value);
				break;
			case 'recording':
				model.recording(value);
				break;
			case 'role':
				if (!model.findRole(value)) throw notFound();
				break;
			case 'library':
				library = model.library(value);
				break;
			case 'libraryFolder':
				if (!model.state.folders.some((f) => f.id === value && f.library_id === library?.id)) throw notFound();
				break;
			case 'libraryFile':
				if (!model.state.files.some((f) => f.id === value && f.library_id === library?.id)) throw notFound();
				break;
			case 'poll':
				if (!model.state.polls.some((p) => p.id === value)) throw notFound();
				break;
			case 'quiz':
				if (!model.state.quizzes.some((q) => q.id === value)) throw notFound();
				break;
			case 'question':
				if (!model.state.questions.some((q) => q.id === value)) throw notFound();
				break;
			case 'webhook':
				if (!model.state.webhooks.some((w) => w.id === value)) throw notFound();
				break;
			default:
				break; // callId and anything else the simulator does not track
		}
	}
}
