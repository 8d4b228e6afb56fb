export * from './emulator-data';
export * from './emulator-faults';
export * from './emulator-route';
export * from './emulator-server';
export * from './nonce-store';
