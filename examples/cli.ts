// This repository's CLI, run from source: what `npx image-lookups` runs once the package is built
// (bin/image-lookups.js calls lib/cli/main.js). The example runner and the example tests use it,
// so they need no build:
//   node -r ts-node/register/transpile-only examples/cli.ts check --format json
import { main } from '../src/cli/main';

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
