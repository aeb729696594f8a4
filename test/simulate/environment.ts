/**
 * The simulate project's jest environment: jsdom for miniprogram-simulate, plus — outside the page's
 * sandbox, in plain Node like a real server — the local CloudBase with the demo data, one per test file.
 * A test file asks for it with the docblock pragma `@strive-emulator` (the emulator cannot load inside
 * jsdom: its dependencies resolve to their browser builds there). The sandbox reads the emulator's URL
 * from `__STRIVE_EMULATOR_URL__`.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-jsdom';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { EMULATOR_URL_GLOBAL } from './globals';

export default class SimulateEnvironment extends TestEnvironment {
  private emulator: TestEmulator | null = null;
  private readonly wantsEmulator: boolean;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.wantsEmulator = 'strive-emulator' in context.docblockPragmas;
  }

  async setup(): Promise<void> {
    await super.setup();
    if (this.wantsEmulator) {
      this.emulator = await startTestEmulator({ seed: true });
      Object.assign(this.global, { [EMULATOR_URL_GLOBAL]: this.emulator.url });
    }
  }

  async teardown(): Promise<void> {
    await this.emulator?.close();
    this.emulator = null;
    await super.teardown();
  }
}
