import type { ResourceDescriptor } from '../../shared/model/descriptor';
import { chat } from './chat';
import { defaultRoomSettings } from './defaultRoomSettings';
import { event } from './event';
import { library } from './library';
import { live } from './live';
import { participant } from './participant';
import { phone } from './phone';
import { poll } from './poll';
import { question } from './question';
import { quiz } from './quiz';
import { recording } from './recording';
import { restreamer } from './restreamer';
import { role } from './role';
import { room } from './room';
import { roomToken } from './roomToken';
import { scheduledMeeting } from './scheduledMeeting';
import { session } from './session';
import { statistics } from './statistics';
import { summary } from './summary';
import { transcript } from './transcript';
import { webhook } from './webhook';

/** Every Digital Samba resource, in the order of the API reference; the first one is the default. */
export const digitalSambaResources: ResourceDescriptor[] = [
	defaultRoomSettings,
	room,
	scheduledMeeting,
	roomToken,
	chat,
	question,
	poll,
	quiz,
	transcript,
	summary,
	recording,
	session,
	participant,
	phone,
	restreamer,
	role,
	library,
	live,
	statistics,
	webhook,
	event,
];
