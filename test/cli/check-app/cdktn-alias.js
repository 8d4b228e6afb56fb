// With CHECK_APP_CDKTF=cdktn, the app resolves every `cdktf` import (ours, the provider's, its own)
// to CDK Terrain, as an app that aliases "cdktf" to "npm:cdktn" does.
'use strict';
const Module = require('node:module');

if (process.env.CHECK_APP_CDKTF === 'cdktn') {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveCdktn(request, ...rest) {
    const aliased = request === 'cdktf' || request.startsWith('cdktf/') ? `cdktn${request.slice('cdktf'.length)}` : request;
    return resolve.call(this, aliased, ...rest);
  };
}
