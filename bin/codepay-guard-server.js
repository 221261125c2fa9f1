#!/usr/bin/env node
// `codepay-guard-server --stdio`: the language server for any LSP editor.
require('../dist/server.js');
