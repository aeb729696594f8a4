import type { AccountApi } from './account';
import type { CampaignApi } from './campaign';
import type { NotifyApi } from './notify';
import type { FulfilApi } from './fulfil';
import type { PledgeApi } from './pledge';
import type { OrgApi } from './org';
import type { RosterApi } from './roster';
import type { SuperviseApi } from './supervise';
import type { PingResult, WhoAmI } from './system';
import type { DashboardApi } from './dashboard';
import type { EvaluateApi } from './evaluate';
import type { CommendApi } from './commend';

/**
 * The contract between the app and the cloud functions: domain → action → payload and result.
 * The app's typed client and each function's action table are both checked against this map.
 */
export interface Api {
  system: {
    ping: { payload: Record<string, never>; result: PingResult };
    whoami: { payload: Record<string, never>; result: WhoAmI };
  };
  org: OrgApi;
  roster: RosterApi;
  account: AccountApi;
  campaign: CampaignApi;
  pledge: PledgeApi;
  notify: NotifyApi;
  fulfil: FulfilApi;
  supervise: SuperviseApi;
  dashboard: DashboardApi;
  evaluate: EvaluateApi;
  commend: CommendApi;
}

export type Domain = keyof Api;
export type ActionOf<D extends Domain> = keyof Api[D] & string;
export type PayloadOf<D extends Domain, A extends ActionOf<D>> = Api[D][A] extends { payload: infer P } ? P : never;
export type ResultOf<D extends Domain, A extends ActionOf<D>> = Api[D][A] extends { result: infer R } ? R : never;
