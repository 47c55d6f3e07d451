import type { ResourceDescriptor } from '../../shared/model/descriptor';
import { batchProcessor } from './batchProcessor';
import { dialinConfig } from './dialinConfig';
import { dialOut } from './dialOut';
import { domain } from './domain';
import { liveStream } from './liveStream';
import { logs } from './logs';
import { meeting } from './meeting';
import { meetingToken } from './meetingToken';
import { phoneNumber } from './phoneNumber';
import { presence } from './presence';
import { recording } from './recording';
import { room } from './room';
import { scheduledMeeting } from './scheduledMeeting';
import { sipClient } from './sipClient';
import { sipTrunk } from './sipTrunk';
import { transcript } from './transcript';
import { transcription } from './transcription';
import { webhook } from './webhook';

/** Every Daily resource; the first one is the node's default. */
export const dailyResources: ResourceDescriptor[] = [
	room,
	scheduledMeeting,
	meetingToken,
	recording,
	liveStream,
	transcription,
	transcript,
	meeting,
	presence,
	domain,
	logs,
	webhook,
	dialOut,
	batchProcessor,
	phoneNumber,
	dialinConfig,
	sipTrunk,
	sipClient,
];
