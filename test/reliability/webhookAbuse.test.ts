import { answeredAsItMust, bad, dailyKit, digitalSambaKit, type Kind, miroTalkKit } from '../helpers/abuse';
import { recordFigure } from '../helpers/figures';
import { deliver, type Delivery } from '../helpers/trigger';
import { seededRandom } from '../simulators/digitalSamba/util';

/**
 * Scenario 3, webhook abuse: each trigger gets 10,000 bad deliveries (forged, replayed, truncated, oversized, wrong
 * content type, missing headers, a wrong secret of the right length) mixed with 1,000 genuine ones, through the same
 * webhook() n8n calls. Every bad one must start nothing, answered 401 or 400 (a duplicate 200, as providers need);
 * every genuine one starts one run. MiroTalk gets no replays: with the token a copy is a genuine twin. Daily gets no
 * wrong content type: a correctly signed delivery runs whatever its content type (issue 22).
 */
const BAD = 10_000;
const GENUINE = 1_000;
const GOAL = `${BAD.toLocaleString('en')} bad: 0 runs, all 401/400 (duplicates 200); ${GENUINE.toLocaleString('en')} genuine: ${GENUINE.toLocaleString('en')} runs`;

it.each([
	['Daily Trigger', dailyKit],
	['Digital Samba Trigger', digitalSambaKit],
	['MiroTalk Trigger', miroTalkKit],
])('%s: 10,000 bad deliveries start nothing, 1,000 genuine start 1,000 runs', async (_name, makeKit) => {
	const kit = makeKit();
	const random = seededRandom(11);
	const accepted: Delivery[] = [];
	const badStatuses = new Map<string, number>();
	const badRuns: string[] = [];
	let genuineRuns = 0;
	const started = Date.now();
	// 1,000 genuine deliveries spread among the 10,000 bad ones; replays copy genuine ones already accepted.
	const genuineAt = new Set(Array.from({ length: GENUINE }, (_, g) => Math.floor((g * (BAD + GENUINE)) / GENUINE)));
	let b = 0;
	for (let step = 0; step < BAD + GENUINE; step++) {
		if (genuineAt.has(step) || b >= BAD) {
			const delivery = kit.genuine(step);
			const outcome = await deliver(kit.trigger as never, kit.env, delivery);
			if (outcome.run?.length === 1) {
				genuineRuns++;
				accepted.push(delivery);
			}
			continue;
		}
		const kind = kit.kinds[b % kit.kinds.length];
		const outcome = await deliver(kit.trigger as never, kit.env, kind === 'replayed' && !accepted.length ? kit.wrongSecret(String(kit.genuine(step).body)) : bad(kit, kind, b, accepted, random));
		const key = `${kind} ${outcome.status}`;
		badStatuses.set(key, (badStatuses.get(key) ?? 0) + 1);
		if (outcome.run) badRuns.push(kind);
		b++;
	}
	const right = ([key]: [string, number]) => answeredAsItMust(key.replace(/ \S+$/, '') as Kind, Number(key.split(' ').pop()));
	const wrongStatus = [...badStatuses].filter((entry) => !right(entry));
	const answered = [...badStatuses].filter(right).reduce((sum, [, n]) => sum + n, 0);
	recordFigure({
		scenario: `3. Webhook abuse (${kit.name})`,
		measured: `${b.toLocaleString('en')} bad: ${badRuns.length} runs, ${answered.toLocaleString('en')} answered as they must; ${GENUINE.toLocaleString('en')} genuine: ${genuineRuns.toLocaleString('en')} runs; ${((Date.now() - started) / 1000).toFixed(1)} s`,
		goal: GOAL,
		met: b === BAD && badRuns.length === 0 && wrongStatus.length === 0 && genuineRuns === GENUINE,
	});
	expect(b).toBe(BAD);
	expect(badRuns).toEqual([]);
	expect(wrongStatus).toEqual([]);
	expect(genuineRuns).toBe(GENUINE);
	// Every kind was tried and refused.
	expect(new Set([...badStatuses.keys()].map((key) => key.replace(/ \S+$/, '')))).toEqual(new Set(kit.kinds));
}, 300_000);
