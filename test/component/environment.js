/**
 * jsdom has no fetch. This environment lends the test realm Node's own fetch (undici), so the H5 cloud
 * client is exercised against a real HTTP server started by the test, with no mocks in between.
 */
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.fetch = fetch;
    this.global.Response = Response;
    this.global.Request = Request;
    this.global.Headers = Headers;
  }
}

module.exports = JsdomWithFetch;
