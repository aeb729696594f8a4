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
  /** Heading on the sign-in page: the most senior role (校团委管理员 … 领导小组成员), 团干部, 团员 or 未绑定. */
  group: string;
}

export interface LocalIdentitiesResponse {
  identities: LocalIdentity[];
}

/** Body of POST /api/local/sign-in; the answer sets the session cookie. */
export interface LocalSignInRequest {
  openid: string;
}

/** GET /api/local/session: the signed-in local identity (cookie), or null when signed out. */
export interface LocalSessionResponse {
  openid: string | null;
}

/**
 * One subscription message the emulator "delivered" (cloud.openapi.subscribeMessage.send), as listed
 * by GET /api/_emulator/inbox?touser=<openid> (emulator/openapi/inbox.ts).
 */
export interface LocalInboxMessage {
  msgid: string;
  touser: string;
  templateId: string;
  /** The mini-program page the message opens, e.g. 'pages/home/index?x=1'; null when none. */
  page: string | null;
  /** Template fields as sent: { thing1: { value: '…' }, … }. */
  data: Record<string, { value: unknown }>;
  miniprogramState: string | null;
  lang: string | null;
  /** ISO instant the message was sent. */
  sentAt: string;
}

export interface LocalInboxResponse {
  messages: LocalInboxMessage[];
}

/**
 * The emulator's clock (GET /api/_emulator/clock, emulator/clock.ts): the emulated "now" that the
 * database's serverDate, timer triggers and the functions' Date follow, and its shift from real time.
 */
export interface LocalClock {
  /** ISO instant, emulated. */
  now: string;
  /** How far ahead of real time the clock runs; 0 = real time. */
  offsetMs: number;
}

/** Body of POST /api/_emulator/clock: move ahead by `advanceMs`, or set the shift (0 = back to real time). */
export type LocalClockChange = { advanceMs: number } | { offsetMs: number };

/** One run of a timer trigger that a clock move made due. */
export interface LocalTimerRun {
  functionName: string;
  triggerName: string;
  /** ISO instant of the scheduled run. */
  time: string;
}

/** Answer to POST /api/_emulator/clock: the new clock and the timer runs it caused. */
export interface LocalClockMoved extends LocalClock {
  fired: LocalTimerRun[];
}
