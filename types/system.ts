import type { OrgLevel, Role } from './models';

export interface PingResult {
  pong: true;
  serverTime: string;
}

export interface OrgRef {
  id: string;
  name: string;
  level: OrgLevel;
}

export interface RoleView {
  role: Role;
  orgId: string;
  orgName: string;
}

export interface WhoAmI {
  /** False for a WeChat user who is neither on a roster nor holds a role: they must bind first. */
  bound: boolean;
  name: string | null;
  studentNo: string | null;
  isCadre: boolean;
  post: string | null;
  /** From the committee down to the member's branch (and group). */
  orgPath: OrgRef[];
  roles: RoleView[];
}
