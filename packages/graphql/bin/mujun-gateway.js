#!/usr/bin/env node
// The `mujun-gateway` bin. This file is committed (dist/ is built later), so
// that pnpm can link the bin on a fresh install without a warning.
import { main } from '../dist/bin.js';

main();
