// Signed Slack requests for tests: the demo's implementation (src/demo/slack), re-exported so there is only one.

export * from '../../src/demo/slack/slack-requests.ts';
