import nock from 'nock';
import { DateTime, Settings } from 'luxon';
import type { IDataObject } from 'n8n-workflow';
import { resetRateLimits } from '../../../../nodes/shared/http/rateLimit';
import { DAILY_URL, runDaily } from '../../../helpers/daily';
import { DS_URL, runDigitalSamba } from '../../../helpers/digitalSamba';

/**
 * A date typed without a zone is read in the workflow's time zone (n8n's getTimezone(), Settings → Timezone), in
 * every field alike, whatever luxon's process-global default zone is (n8n sets it from whichever workflow last
 * built an expression). Expected instants are computed here with Date.UTC from the zones' known offsets.
 */
const defaultZone = Settings.defaultZone;
beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
	Settings.defaultZone = defaultZone;
});
afterAll(() => nock.enableNetConnect());

function dailyRoomCreate(exp: unknown, timezone: string) {
	let body: IDataObject = {};
	nock(DAILY_URL).post('/v1/rooms', (b) => ((body = b), true)).reply(200, { name: 'tz-room' });
	return runDaily({ resource: 'room', operation: 'create', roomName: 'tz-room', privacy: 'public', properties: { exp } }, { timezone }).then(() => body);
}

it.each([
	// Rome is UTC+1 in December, New York UTC-5.
	['Europe/Rome', '2030-12-01 10:00', Date.UTC(2030, 11, 1, 9, 0) / 1000],
	['America/New_York', '2030-12-01T10:00', Date.UTC(2030, 11, 1, 15, 0) / 1000],
	['Europe/Rome', '20301201', Date.UTC(2030, 10, 30, 23, 0) / 1000],
])('Daily room exp: "%s" workflow, %s is read in the workflow zone', async (zone, typed, expected) => {
	// Another workflow's expression left luxon's default elsewhere: it must not matter.
	Settings.defaultZone = 'Asia/Tokyo';
	const body = await dailyRoomCreate(typed, zone);
	expect((body.properties as IDataObject).exp).toBe(expected);
});

it('a time with its own offset keeps it, in any workflow zone', async () => {
	const body = await dailyRoomCreate('2030-12-01T10:00:00+02:00', 'America/New_York');
	expect((body.properties as IDataObject).exp).toBe(Date.UTC(2030, 11, 1, 8, 0) / 1000);
});

it('Digital Samba expires_at in the API\'s own form is read in the workflow zone too, and sent as UTC', async () => {
	let body: IDataObject = {};
	nock(DS_URL).post('/api/v1/rooms', (b) => ((body = b), true)).reply(200, { id: 'r-1' });
	await runDigitalSamba({ resource: 'room', operation: 'create', privacy: 'public', settings: { expires_at: '2030-12-01 10:00:00' } }, { timezone: 'Europe/Rome' });
	expect(body.expires_at).toBe('2030-12-01 09:00:00');
});

it.each([
	['an invalid Date', new Date('not a date')],
	['an invalid luxon DateTime (DateTime.fromISO of a missing value)', DateTime.fromISO(undefined as unknown as string)],
])('refuses %s naming the field, before any request', async (_name, value) => {
	const error = await runDaily({ resource: 'room', operation: 'create', roomName: 'tz-room', privacy: 'public', properties: { exp: value } }).catch((e) => e);
	expect(error.message).toMatch(/Invalid parameter .*Expires At.*\(properties\.exp\)/);
	expect(nock.pendingMocks()).toEqual([]);
});
