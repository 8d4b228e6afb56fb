// Internal barrel, for this repository's tests, CLI and bench. The package's public surface is src/index.ts.
export * from './data-file-watcher';
export * from './emulator-data';
export * from './emulator-env';
export * from './emulator-faults';
export * from './emulator-route';
export * from './emulator-section';
export * from './emulator-server';
export * from './form-route';
export * from './nonce-store';
export * from './request-log';
