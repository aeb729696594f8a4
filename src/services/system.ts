import type { PingResult, WhoAmI } from '@contract/system';
import { call } from './cloud';

export function ping(): Promise<PingResult> {
  return call('system', 'ping', {});
}

export function whoami(): Promise<WhoAmI> {
  return call('system', 'whoami', {});
}
