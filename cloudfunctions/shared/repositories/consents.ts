import { MAX_CREDITS, type Consent, type TemplateKey } from '../../../types/notify';
import { isDuplicateKey } from './db-errors';
import { Repository, serverTime } from './repository';

export const consentId = (template: TemplateKey, openid: string): string => `${template}:${openid}`;

/**
 * The consent ledger: how many messages of each template a person can still receive. WeChat keeps the real
 * count and offers no API to read it, so every accept adds one here and every send spends one first, with a
 * conditional update (remaining > 0): two senders cannot spend the same credit.
 */
class ConsentRepository extends Repository<Consent> {
  constructor() {
    super('consents');
  }

  ofOpenid(openid: string): Promise<Consent[]> {
    return this.page({ openid });
  }

  /** One more credit (up to MAX_CREDITS): one request when the ledger line exists, else its creation. */
  async grant(openid: string, template: TemplateKey): Promise<void> {
    const _id = consentId(template, openid);
    const _ = this.command();
    const inc = { remaining: _.inc(1), accepted: _.inc(1), updatedAt: serverTime() };
    for (let attempt = 0; attempt < 2; attempt++) {
      if ((await this.updateWhere({ _id, remaining: _.lt(MAX_CREDITS) }, inc)) > 0) return;
      if (await this.byId(_id)) return; // at the cap
      try {
        await this.insert({ _id, openid, template, remaining: 1, accepted: 1, spent: 0, updatedAt: new Date() });
        return;
      } catch (err) {
        // Two first accepts at once: the other created it; add ours to it.
        if (!isDuplicateKey(err)) throw err;
      }
    }
  }

  /** Spends one credit if there is one: true when spent (one conditional update). */
  async spend(id: string): Promise<boolean> {
    const _ = this.command();
    return (
      (await this.updateWhere({ _id: id, remaining: _.gt(0) }, { remaining: _.inc(-1), spent: _.inc(1), updatedAt: serverTime() })) > 0
    );
  }

  /** Gives back a credit WeChat did not use (the send failed before reaching the person). */
  async refund(id: string): Promise<void> {
    const _ = this.command();
    await this.updateWhere({ _id: id }, { remaining: _.inc(1), spent: _.inc(-1), updatedAt: serverTime() });
  }

  /** WeChat said 43101: the person has no consent left, whatever the ledger thought. */
  async exhaust(id: string): Promise<void> {
    await this.updateWhere({ _id: id }, { remaining: 0, updatedAt: serverTime() });
  }
}

export const consents = new ConsentRepository();
