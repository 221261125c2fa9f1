// The editor-test runner picks code-server where VS Code cannot be downloaded, and an env variable forces either.
import * as assert from 'node:assert/strict';
import { pickRunner } from '../e2e/run-extension-tests';

describe('meta: e2e runner selection', () => {
  it('uses code-server when Chromium is installed, @vscode/test-electron otherwise', () => {
    assert.equal(pickRunner({}, true), 'code-server');
    assert.equal(pickRunner({}, false), 'electron');
  });
  it('obeys CODEPAY_E2E_RUNNER and rejects unknown values', () => {
    assert.equal(pickRunner({ CODEPAY_E2E_RUNNER: 'electron' }, true), 'electron');
    assert.equal(pickRunner({ CODEPAY_E2E_RUNNER: 'code-server' }, false), 'code-server');
    assert.throws(() => pickRunner({ CODEPAY_E2E_RUNNER: 'firefox' }, true), /must be "code-server" or "electron"/);
  });
});
