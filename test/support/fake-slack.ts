// The fake Slack Web API for tests: the demo's implementation (src/demo/slack), re-exported so there is only one.

export {
  type ApiCall,
  type Ephemeral,
  type Failure,
  type FakeSlack,
  type FakeSlackOptions,
  type FakeUser,
  type ResponseContext,
  type StoredMessage,
  startFakeSlack,
  type UploadedFile,
} from '../../src/demo/slack/fake-slack-server.ts';
