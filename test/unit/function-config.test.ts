/**
 * Platform duties of every cloud function: a function without `timeout` in its config.json gets the
 * platform's 3 s in the cloud, so every domain declares one sized to what it does (at most 60 s, the
 * platform's cap), and the README states the timer triggers as they are.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', 'cloudfunctions');
const domains = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'index.ts')))
  .map((d) => d.name);

interface FunctionConfig {
  timeout?: unknown;
  triggers?: { name: string; type: string; config: string }[];
}

const configOf = (domain: string): FunctionConfig => JSON.parse(readFileSync(join(root, domain, 'config.json'), 'utf8')) as FunctionConfig;

describe('cloud function config.json', () => {
  it('finds the domains', () => {
    expect(domains).toEqual(expect.arrayContaining(['account', 'org', 'roster', 'campaign', 'pledge', 'system', 'notify']));
  });

  it.each(domains)('%s declares a timeout above the 3 s default and within the 60 s cap', (domain) => {
    const { timeout } = configOf(domain);
    expect(typeof timeout).toBe('number');
    expect(timeout as number).toBeGreaterThan(3);
    expect(timeout as number).toBeLessThanOrEqual(60);
  });

  it('the README names each timer trigger the configs carry, and no other', () => {
    const readme = readFileSync(join(root, '..', 'README.md'), 'utf8');
    const timers = domains.flatMap((d) => (configOf(d).triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ d, ...t })));
    for (const t of timers) expect(readme).toContain(`\`${t.name}\``);
    for (const d of domains) expect(readme).toMatch(new RegExp(`${d} \\d+`));
  });
});
