/** True in the test build (`npm run build:test`): compiles in test-only hooks. */
declare const __TEST__: boolean;
