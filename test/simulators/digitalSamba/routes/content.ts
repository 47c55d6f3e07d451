import type { SimResponse } from '../../http';
import { currentSessionId, exportAs, list, noContent, ok, resolveAuthor, text, type Ctx, type RouteTable } from '../context';
import type { DsModel, DsPoll, DsQuestion, DsQuiz, DsRoom } from '../model';
import { csvLine, isObject, notFound, parseCsv, parseMultipart, Validator } from '../util';

/** Chat, Q&A, polls and quizzes of a room. */

function question(ctx: Ctx, room: DsRoom): DsQuestion {
	const found = ctx.model.state.questions.find((q) => q.id === ctx.params.question && q.room_id === room.id);
	if (!found) throw notFound();
	return found;
}

function poll(ctx: Ctx, room: DsRoom): DsPoll {
	const found = ctx.model.state.polls.find((p) => p.id === ctx.params.poll && p.room_id === room.id);
	if (!found) throw notFound();
	return found;
}

function quiz(ctx: Ctx, room: DsRoom): DsQuiz {
	const found = ctx.model.state.quizzes.find((q) => q.id === ctx.params.quiz && q.room_id === room.id);
	if (!found) throw notFound();
	return found;
}

const sessionFilter = <T extends { session_id: string | null }>(ctx: Ctx, items: T[]) => {
	const sessionId = ctx.query.get('session_id');
	return sessionId ? items.filter((i) => i.session_id === sessionId) : items;
};

/** The `{participant}` every Q&A moderation route requires. */
function requireAuthor(ctx: Ctx, room: DsRoom, extra?: (v: Validator) => void) {
	const v = new Validator();
	const author = resolveAuthor(ctx, room, v);
	extra?.(v);
	v.check();
	return author;
}

/* ------------------------------------------------------------------ polls */

type PollBody = Pick<DsPoll, 'question' | 'type' | 'anonymous' | 'multiple' | 'options'>;

function validatePoll(model: DsModel, body: any, existing?: DsPoll): PollBody {
	const v = new Validator();
	v.in('type', body.type, ['single', 'multiple', 'free']);
	const options: DsPoll['options'] = [];
	if (Array.isArray(body.options)) {
		body.options.forEach((option: unknown, i: number) => {
			const field = `options.${i}`;
			if (!isObject(option)) {
				v.add(field, `The ${field} field must be an array.`);
				return;
			}
			if (v.required(`${field}.text`, option.text) && v.string(`${field}.text`, option.text, 1, 512)) {
				const keep = existing?.options.find((o) => o.id === option.id);
				options.push({ id: keep?.id ?? model.stamp().id, text: option.text });
			}
			v.uuid(`${field}.id`, option.id);
		});
	} else if (body.options !== undefined) v.add('options', 'The options field must be an array.');
	v.check();
	const type = body.type ?? (body.multiple ? 'multiple' : (existing?.type ?? 'single'));
	return {
		question: body.question ?? existing?.question,
		type,
		anonymous: Boolean(body.anonymous ?? existing?.anonymous ?? false),
		multiple: type === 'multiple',
		options,
	};
}

/* ---------------------------------------------------------------- quizzes */

type QuizBody = Pick<DsQuiz, 'title' | 'timing_mode' | 'time_limit_seconds' | 'time_limit_minutes' | 'passing_score' | 'questions'>;

function validateQuiz(model: DsModel, body: any, existing?: DsQuiz): QuizBody {
	const v = new Validator();
	v.string('title', body.title, 1, 512);
	v.integer('time_limit_minutes', body.time_limit_minutes, 1, 1440);
	const questions: DsQuiz['questions'] = [];
	/** On PATCH, an entry named by its `id` changes that entry (the spec requires only `choices` on a question). */
	const known = <T extends { id: string }>(field: string, id: unknown, list: T[] | undefined): T | undefined => {
		if (!existing || id === undefined || id === null) return undefined;
		const found = list?.find((x) => x.id === id);
		if (!found) v.add(`${field}.id`, `The selected ${field}.id is invalid.`);
		return found;
	};
	if (Array.isArray(body.questions)) {
		body.questions.forEach((q: unknown, i: number) => {
			const field = `questions.${i}`;
			if (!isObject(q)) {
				v.add(field, `The ${field} field must be an array.`);
				return;
			}
			const before = known(field, q.id, existing?.questions);
			// POST requires a question's text; PATCH does not (an existing question keeps its own).
			if (!before) v.required(`${field}.text`, q.text);
			v.string(`${field}.text`, q.text, 1, 512);
			v.boolean(`${field}.multiple`, q.multiple);
			const choices: DsQuiz['questions'][number]['choices'] = [];
			if (v.required(`${field}.choices`, q.choices) && v.array(`${field}.choices`, q.choices)) {
				(q.choices as unknown[]).forEach((c, j) => {
					const cf = `${field}.choices.${j}`;
					if (!isObject(c)) {
						v.add(cf, `The ${cf} field must be an array.`);
						return;
					}
					const was = known(cf, c.id, before?.choices);
					// POST requires a choice's text; PATCH lists no required field of a choice.
					if (!was && !existing) v.required(`${cf}.text`, c.text);
					v.string(`${cf}.text`, c.text, 1, 512);
					v.boolean(`${cf}.correct`, c.correct);
					choices.push({ id: was?.id ?? model.stamp().id, text: String(c.text ?? was?.text ?? ''), correct: Boolean(c.correct ?? was?.correct) });
				});
			}
			questions.push({ id: before?.id ?? model.stamp().id, text: String(q.text ?? before?.text ?? ''), multiple: Boolean(q.multiple ?? before?.multiple), choices });
		});
	}
	v.check();
	return {
		title: body.title ?? existing?.title,
		timing_mode: body.timing_mode ?? existing?.timing_mode ?? null,
		time_limit_seconds: body.time_limit_seconds ?? existing?.time_limit_seconds ?? null,
		time_limit_minutes: body.time_limit_minutes ?? existing?.time_limit_minutes ?? null,
		passing_score: body.passing_score ?? existing?.passing_score ?? null,
		questions: body.questions !== undefined ? questions : (existing?.questions ?? []),
	};
}

/* ----------------------------------------------------------------- import */

const POLL_TEMPLATE = [csvLine(['question', 'type', 'anonymous', 'option1', 'option2', 'option3']), csvLine(['When will I go on holiday?', 'single', '0', 'Next week', 'Next month', 'Next year'])].join('\n');
const QUIZ_TEMPLATE = [
	csvLine(['quiz_title', 'timing_mode', 'time_limit_seconds', 'passing_score', 'question', 'correct', 'type', 'option1', 'option2', 'option3']),
	csvLine(['Capitals', 'quiz', '300', '50', 'What is the capital of Italy?', 'Rome', 'single', 'Rome', 'Milan', 'Turin']),
	csvLine(['Capitals', 'quiz', '300', '50', 'Which cities are in Italy?', 'Rome|Milan', 'multiple', 'Rome', 'Milan', 'Paris']),
].join('\n');

/** The CSV of a multipart import (`file` field, at most 2 MB), as rows of named cells. */
function importedRows(ctx: Ctx, required: string[]): Array<Record<string, string> & { _row: string }> {
	const parts = parseMultipart(ctx.req.headers['content-type'], ctx.req.rawBytes);
	const file = parts?.find((p) => p.name === 'file');
	const v = new Validator();
	if (!file) v.add('file', 'The file field is required.');
	else if (file.data.length > 2 * 1024 * 1024) v.add('file', 'The file field must not be greater than 2048 kilobytes.');
	v.check();
	const data = file!.data;
	if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) v.add('file', 'UTF-16 and UTF-32 files are not supported.');
	v.check();
	const [header, ...rows] = parseCsv(data.toString('utf8'));
	const columns = (header ?? []).map((c) => c.trim().toLowerCase());
	for (const column of required) if (!columns.includes(column)) v.add('file', `The ${column} column is required.`);
	if (!rows.length) v.add('file', 'The file has no rows.');
	v.check();
	return rows.map((cells, i) => ({ ...Object.fromEntries(columns.map((c, j) => [c, (cells[j] ?? '').trim()])), _row: String(i + 2) }));
}

const optionCells = (row: Record<string, string>) =>
	Object.keys(row)
		.filter((k) => /^option\d+$/.test(k))
		.sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)))
		.map((k) => row[k])
		.filter((cell) => cell !== '');

function importQuizzes(ctx: Ctx, room: DsRoom): SimResponse {
	const rows = importedRows(ctx, ['quiz_title', 'timing_mode', 'time_limit_seconds', 'question', 'correct', 'type', 'option1', 'option2']);
	const v = new Validator();
	const quizzes = new Map<string, QuizBody>();
	for (const row of rows) {
		const at = `row ${row._row}`;
		const options = optionCells(row);
		const correct = row.correct.split('|').map((c) => c.trim()).filter(Boolean);
		const seconds = Number(row.time_limit_seconds);
		if (!row.quiz_title || row.quiz_title.length > 512) v.add('file', `${at}: quiz_title is required (at most 512 characters).`);
		if (!['quiz', 'question'].includes(row.timing_mode)) v.add('file', `${at}: timing_mode must be quiz or question.`);
		if (!Number.isInteger(seconds) || seconds <= 0 || seconds >= 86400) v.add('file', `${at}: time_limit_seconds must be between 1 and 86399.`);
		if (!row.question || row.question.length > 512) v.add('file', `${at}: question is required (at most 512 characters).`);
		if (options.length < 2) v.add('file', `${at}: at least 2 options are required.`);
		if (!['single', 'multiple'].includes(row.type)) v.add('file', `${at}: type must be single or multiple.`);
		if (!correct.length || correct.some((c) => !options.includes(c))) v.add('file', `${at}: correct must match an option's text exactly.`);
		if (row.type === 'single' && correct.length !== 1) v.add('file', `${at}: type=single requires exactly one correct answer.`);
		const score = row.passing_score ? Number(row.passing_score) : 50;
		if (Number.isNaN(score) || score < 0 || score > 100) v.add('file', `${at}: passing_score must be between 0 and 100.`);
		const quizBody = quizzes.get(row.quiz_title) ?? {
			title: row.quiz_title,
			timing_mode: row.timing_mode as 'quiz' | 'question',
			time_limit_seconds: seconds,
			time_limit_minutes: null,
			passing_score: score,
			questions: [],
		};
		quizBody.questions.push({
			id: ctx.model.stamp().id,
			text: row.question,
			multiple: row.type === 'multiple',
			choices: options.map((o) => ({ id: ctx.model.stamp().id, text: o, correct: correct.includes(o) })),
		});
		quizzes.set(row.quiz_title, quizBody);
	}
	v.check();
	for (const quizBody of quizzes.values()) ctx.model.state.quizzes.push({ ...ctx.model.stamp(), room_id: room.id, status: 'created', results: [], ...quizBody });
	return ok();
}

function importPolls(ctx: Ctx, room: DsRoom): SimResponse {
	const rows = importedRows(ctx, ['question', 'option1']);
	const v = new Validator();
	const polls: DsPoll[] = [];
	for (const row of rows) {
		const at = `row ${row._row}`;
		const type = row.type || 'single';
		const options = optionCells(row);
		if ((row.question ?? '').length < 5) v.add('file', `${at}: question must be at least 5 characters.`);
		if (!['single', 'multiple', 'free'].includes(type)) v.add('file', `${at}: type must be single, multiple or free.`);
		if (type !== 'free' && !options.length) v.add('file', `${at}: at least one option is required.`);
		polls.push({
			...ctx.model.stamp(),
			room_id: room.id,
			question: row.question,
			type: type as DsPoll['type'],
			anonymous: ['1', 'true', 'yes'].includes((row.anonymous ?? '').toLowerCase()),
			multiple: type === 'multiple',
			status: 'created',
			options: options.map((text) => ({ id: ctx.model.stamp().id, text })),
			votes: [],
		});
	}
	v.check();
	ctx.model.state.polls.push(...polls);
	return ok();
}

/* ----------------------------------------------------------------- routes */

export const contentRoutes: RouteTable = {
	/* chat */
	'GET /rooms/{room}/chat': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		return list(ctx, sessionFilter(ctx, ctx.model.state.chat.filter((m) => m.room_id === room.id)), (m) => ctx.model.chatJson(m));
	},
	'POST /rooms/{room}/chat': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const v = new Validator();
		if (v.required('message', ctx.body.message)) v.string('message', ctx.body.message, 1, 5000);
		v.check();
		const message = {
			...ctx.model.stamp(),
			room_id: room.id,
			session_id: currentSessionId(ctx, room),
			message: ctx.body.message as string,
			participant_id: null,
			external_participant_id: null,
			participant_name: null,
			breakout_id: null,
		};
		ctx.model.state.chat.push(message);
		return ok(ctx.model.chatJson(message));
	},
	'DELETE /rooms/{room}/chat': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		ctx.model.state.chat = ctx.model.state.chat.filter((m) => m.room_id !== room.id);
		return noContent();
	},
	'GET /rooms/{room}/chat/export': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const rows = sessionFilter(ctx, ctx.model.state.chat.filter((m) => m.room_id === room.id)).sort((a, b) => a.seq - b.seq);
		return exportAs(ctx, 'chat', rows.map((m) => ctx.model.chatJson(m)), (m) => `[${m.created_at}] ${m.participant_name ?? 'API'}: ${m.message}`);
	},

	/* Q&A */
	'GET /rooms/{room}/questions': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		return list(ctx, sessionFilter(ctx, ctx.model.state.questions.filter((q) => q.room_id === room.id)), (q) => ctx.model.questionJson(q));
	},
	'GET /rooms/{room}/questions/export': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const rows = sessionFilter(ctx, ctx.model.state.questions.filter((q) => q.room_id === room.id)).sort((a, b) => a.seq - b.seq);
		return exportAs(ctx, 'questions', rows.map((q) => ctx.model.questionJson(q)), (q) =>
			[`Q: ${q.question} (${q.participant_name ?? 'anonymous'})`, ...(q.answers as Array<{ answer: string; participant_name: string | null }>).map((a) => `  A: ${a.answer} (${a.participant_name ?? 'anonymous'})`)].join('\n'),
		);
	},
	'DELETE /rooms/{room}/questions': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		ctx.model.state.questions = ctx.model.state.questions.filter((q) => q.room_id !== room.id);
		return noContent();
	},
	'POST /rooms/{room}/questions': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const author = requireAuthor(ctx, room, (v) => {
			v.string('question', ctx.body.question, 1, 1000);
			v.boolean('anonymous', ctx.body.anonymous);
		});
		ctx.model.state.questions.push({
			...ctx.model.stamp(),
			...author,
			room_id: room.id,
			session_id: currentSessionId(ctx, room),
			question: ctx.body.question,
			anonymous: Boolean(ctx.body.anonymous),
			breakout_id: ctx.body.breakout_id ?? null,
			status: 'open',
			voters: [],
			answers: [],
			liveAnswer: null,
		});
		return ok({});
	},
	'PATCH /rooms/{room}/questions/{question}': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const q = question(ctx, room);
		requireAuthor(ctx, room, (v) => v.string('question', ctx.body.question, 1, 1000));
		q.question = ctx.body.question;
		return ok({});
	},
	'DELETE /rooms/{room}/questions/{question}': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const q = question(ctx, room);
		requireAuthor(ctx, room);
		ctx.model.state.questions = ctx.model.state.questions.filter((x) => x !== q);
		return noContent();
	},
	'POST /rooms/{room}/questions/{question}/dismiss': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const q = question(ctx, room);
		requireAuthor(ctx, room);
		q.status = 'dismissed';
		return ok({});
	},
	'POST /rooms/{room}/questions/{question}/reopen': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const q = question(ctx, room);
		requireAuthor(ctx, room);
		q.status = 'open';
		return ok({});
	},
	'POST /rooms/{room}/questions/{question}/vote': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const q = question(ctx, room);
		const author = requireAuthor(ctx, room);
		const voter = author.participant_id ?? author.external_participant_id ?? '';
		if (!q.voters.includes(voter)) q.voters.push(voter);
		return ok({});
	},
	'DELETE /rooms/{room}/questions/{question}/vote': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const q = question(ctx, room);
		const author = requireAuthor(ctx, room);
		const voter = author.participant_id ?? author.external_participant_id ?? '';
		q.voters = q.voters.filter((x) => x !== voter);
		return noContent();
	},
	'POST /rooms/{room}/questions/{question}/answers': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const q = question(ctx, room);
		const author = requireAuthor(ctx, room, (v) => {
			v.string('answer', ctx.body.answer, 1, 1000);
			v.boolean('private', ctx.body.private);
		});
		q.answers.push({ id: ctx.model.stamp().id, ...author, answer: ctx.body.answer, private: Boolean(ctx.body.private), created: ctx.model.now() });
		return ok({});
	},
	'PATCH /rooms/{room}/questions/{question}/answers/{answer}': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const q = question(ctx, room);
		const answer = q.answers.find((a) => a.id === ctx.params.answer);
		if (!answer) throw notFound();
		requireAuthor(ctx, room, (v) => v.string('answer', ctx.body.answer, 1, 1000));
		answer.answer = ctx.body.answer;
		return ok({});
	},
	'DELETE /rooms/{room}/questions/{question}/answers/{answer}': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const q = question(ctx, room);
		if (!q.answers.some((a) => a.id === ctx.params.answer)) throw notFound();
		requireAuthor(ctx, room);
		q.answers = q.answers.filter((a) => a.id !== ctx.params.answer);
		return noContent();
	},
	'POST /rooms/{room}/questions/{question}/live-answers/start': (ctx) => liveAnswer(ctx, 'started'),
	'POST /rooms/{room}/questions/{question}/live-answers/stop': (ctx) => liveAnswer(ctx, 'stopped'),
	'POST /rooms/{room}/questions/{question}/live-answers/cancel': (ctx) => liveAnswer(ctx, 'cancelled'),

	/* polls */
	'GET /rooms/{room}/polls': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		return list(ctx, ctx.model.state.polls.filter((p) => p.room_id === room.id), (p) => ctx.model.pollJson(p, false));
	},
	'POST /rooms/{room}/polls': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const created: DsPoll = { ...ctx.model.stamp(), room_id: room.id, status: 'started', votes: [], ...validatePoll(ctx.model, ctx.body) };
		ctx.model.state.polls.push(created);
		return ok(ctx.model.pollJson(created, true));
	},
	'DELETE /rooms/{room}/polls': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		ctx.model.state.polls = ctx.model.state.polls.filter((p) => p.room_id !== room.id);
		return noContent();
	},
	'GET /rooms/{room}/polls/{poll}': (ctx) => ok(ctx.model.pollJson(poll(ctx, ctx.model.room(ctx.params.room)), true)),
	'PATCH /rooms/{room}/polls/{poll}': (ctx) => {
		const p = poll(ctx, ctx.model.room(ctx.params.room));
		Object.assign(p, validatePoll(ctx.model, ctx.body, p));
		return ok(ctx.model.pollJson(p, true));
	},
	'DELETE /rooms/{room}/polls/{poll}': (ctx) => {
		const p = poll(ctx, ctx.model.room(ctx.params.room));
		ctx.model.state.polls = ctx.model.state.polls.filter((x) => x !== p);
		return noContent();
	},
	'GET /rooms/{room}/polls/{poll}/results': (ctx) => ok(ctx.model.pollResults(poll(ctx, ctx.model.room(ctx.params.room)), ctx.query.get('session_id'))),
	'GET /rooms/{room}/polls/export': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const sessionId = ctx.query.get('session_id');
		const rows = ctx.model.state.polls
			.filter((p) => p.room_id === room.id)
			.sort((a, b) => a.seq - b.seq)
			.map((p) => ({ ...ctx.model.pollJson(p, true), results: ctx.model.pollResults(p, sessionId) }));
		return exportAs(ctx, 'polls', rows, (p) =>
			[`${p.question}`, ...(p.options as Array<{ text: string }>).map((o) => `  - ${o.text}`)].join('\n'),
		);
	},
	'GET /rooms/{room}/polls/template': (ctx) => (ctx.model.room(ctx.params.room), text(POLL_TEMPLATE, 'text/csv; charset=UTF-8', 'polls-template.csv')),
	'POST /rooms/{room}/polls/import': (ctx) => importPolls(ctx, ctx.model.room(ctx.params.room)),

	/* quizzes */
	'GET /rooms/{room}/quizzes': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		return list(ctx, ctx.model.state.quizzes.filter((q) => q.room_id === room.id), (q) => ctx.model.quizJson(q, false));
	},
	'POST /rooms/{room}/quizzes': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const created: DsQuiz = { ...ctx.model.stamp(), room_id: room.id, status: 'created', results: [], ...validateQuiz(ctx.model, ctx.body) };
		ctx.model.state.quizzes.push(created);
		return ok(ctx.model.quizJson(created, true));
	},
	'DELETE /rooms/{room}/quizzes': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		ctx.model.state.quizzes = ctx.model.state.quizzes.filter((q) => q.room_id !== room.id);
		return noContent();
	},
	'GET /rooms/{room}/quizzes/{quiz}': (ctx) => ok(ctx.model.quizJson(quiz(ctx, ctx.model.room(ctx.params.room)), true)),
	'PATCH /rooms/{room}/quizzes/{quiz}': (ctx) => {
		const q = quiz(ctx, ctx.model.room(ctx.params.room));
		Object.assign(q, validateQuiz(ctx.model, ctx.body, q));
		return ok(ctx.model.quizJson(q, true));
	},
	'DELETE /rooms/{room}/quizzes/{quiz}': (ctx) => {
		const q = quiz(ctx, ctx.model.room(ctx.params.room));
		ctx.model.state.quizzes = ctx.model.state.quizzes.filter((x) => x !== q);
		return noContent();
	},
	'GET /rooms/{room}/quizzes/{quiz}/results': (ctx) => {
		const q = quiz(ctx, ctx.model.room(ctx.params.room));
		const sessionId = ctx.query.get('session_id');
		return ok(sessionId ? q.results.filter((r) => (r as { session_id?: string }).session_id === sessionId) : q.results);
	},
	'GET /rooms/{room}/quizzes/export': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const v = new Validator();
		v.in('locale', ctx.query.get('locale') ?? undefined, ['en', 'es', 'de', 'it']);
		v.check();
		const rows = ctx.model.state.quizzes
			.filter((q) => q.room_id === room.id)
			.sort((a, b) => a.seq - b.seq)
			.map((q) => ctx.model.quizJson(q, true));
		return exportAs(ctx, 'quizzes', rows, (q) =>
			[`${q.title}`, ...(q.questions as DsQuiz['questions']).map((x) => `  ${x.text}: ${x.choices.map((c) => `${c.text}${c.correct ? ' (correct)' : ''}`).join(', ')}`)].join('\n'),
		);
	},
	'GET /rooms/{room}/quizzes/template': (ctx) => (ctx.model.room(ctx.params.room), text(QUIZ_TEMPLATE, 'text/csv; charset=UTF-8', 'quizzes-template.csv')),
	'POST /rooms/{room}/quizzes/import': (ctx) => importQuizzes(ctx, ctx.model.room(ctx.params.room)),
};

function liveAnswer(ctx: Ctx, state: 'started' | 'stopped' | 'cancelled'): SimResponse {
	const room = ctx.model.room(ctx.params.room);
	const q = question(ctx, room);
	const author = requireAuthor(ctx, room);
	q.liveAnswer = { participant_id: author.participant_id, state };
	return ok({});
}
