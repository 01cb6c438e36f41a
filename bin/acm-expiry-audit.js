#!/usr/bin/env node
// The command's entry: everything it runs is bundled in dist-cli/ (npm run bundle), so it needs no dependency.
import '../dist-cli/index.js'
