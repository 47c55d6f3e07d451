import type { RouteTable } from '../context';
import { batchProcessorRoutes } from './batchProcessor';
import { domainRoutes } from './domain';
import { mediaRoutes } from './media';
import { roomRoutes } from './rooms';
import { telephonyRoutes } from './telephony';

/** Every route, keyed by the contract's `METHOD /path` (one per operation of spec + overlay). */
export const DAILY_ROUTES: RouteTable = { ...domainRoutes, ...roomRoutes, ...mediaRoutes, ...telephonyRoutes, ...batchProcessorRoutes };
