import fs from 'fs';
import path from 'path';
import { randomUUID } from 'crypto';

/** A subscription message as subscribeMessage.send delivered it. */
export interface InboxMessage {
  msgid: string;
  touser: string;
  templateId: string;
  page: string | null;
  data: unknown;
  miniprogramState: string | null;
  lang: string | null;
  sentAt: string;
}

/** The messages "delivered" to users, persisted in `<dataDir>/inbox.json`. */
export class Inbox {
  private messages: InboxMessage[];
  private timer: NodeJS.Timeout | null = null;

  /** `now` is the emulator's clock (emulator/clock.ts): messages carry the emulated send time. */
  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.messages = [];
    if (!fs.existsSync(file)) return;
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (!Array.isArray(parsed)) throw new Error('not a JSON array');
      this.messages = parsed as InboxMessage[];
    } catch (err) {
      throw new Error(`订阅消息收件箱文件已损坏 (inbox file is corrupt): ${file}: ${(err as Error).message}`);
    }
  }

  add(message: Omit<InboxMessage, 'msgid' | 'sentAt'>): InboxMessage {
    const full: InboxMessage = { ...message, msgid: randomUUID(), sentAt: this.now().toISOString() };
    this.messages.push(full);
    // A fan-out delivers thousands a minute: write once per burst (rewriting the file per message is quadratic).
    if (!this.timer) {
      this.timer = setTimeout(() => this.save(), 1000);
      this.timer.unref();
    }
    return full;
  }

  list(touser?: string | null): InboxMessage[] {
    return touser ? this.messages.filter((m) => m.touser === touser) : [...this.messages];
  }

  /** Removes the messages of one user, or all of them; returns how many went. */
  clear(touser?: string | null): number {
    const before = this.messages.length;
    this.messages = touser ? this.messages.filter((m) => m.touser !== touser) : [];
    this.save();
    return before - this.messages.length;
  }

  /** Writes what is pending now (the emulator calls it on close). */
  flush(): void {
    if (this.timer) this.save();
  }

  private save(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.messages, null, 2));
    fs.renameSync(tmp, this.file);
  }
}
