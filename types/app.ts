/**
 * App-facing shapes that are not cloud-function actions: the local-mode (H5, emulator) sign-in API.
 * Served by emulator/ under /api/local/*, consumed by src/services/local.ts.
 */

/** One identity offered on the local login page (GET /api/local/identities). */
export interface LocalIdentity {
  openid: string;
  /** Short label, e.g. the person's name and role. */
  label: string;
  description: string;
}

export interface LocalIdentitiesResponse {
  identities: LocalIdentity[];
}

/** Body of POST /api/local/sign-in; the answer sets the session cookie. */
export interface LocalSignInRequest {
  openid: string;
}
