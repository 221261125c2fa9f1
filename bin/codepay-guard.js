#!/usr/bin/env node
// `codepay-guard scan [paths…]`: the CI scanner.
require('../dist/cli.js');
