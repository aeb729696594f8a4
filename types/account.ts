/** The account domain: binding a WeChat identity to a roster entry or a staff invite. */

export interface BindResult {
  memberId: string;
  name: string;
  branchName: string;
}

export interface ReleaseRequestView {
  id: string;
  memberId: string;
  studentNo: string;
  name: string;
  note: string;
  createdAt: string;
}

export interface AccountApi {
  /** Student number + name as on the roster. Wrong attempts are counted and locked out after a few. */
  bind: { payload: { studentNo: string; name: string }; result: BindResult };
  /** Staff join with the invite code the admin gave them. */
  redeemInvite: { payload: { code: string }; result: { name: string; title: string } };
  /** When someone else holds your entry: ask your branch secretary to release it. */
  requestRelease: {
    payload: { studentNo: string; name: string; note?: string };
    result: { requested: true; secretaryName: string | null };
  };
  /** Secretary (or above) frees a roster entry so it can be bound again. */
  release: { payload: { memberId: string }; result: { released: true } };
  releaseRequests: { payload: { orgId: string }; result: ReleaseRequestView[] };
}
