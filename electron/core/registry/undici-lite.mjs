// The CLI bundle's stand-in for `undici` (aliased in scripts/build-cli.js). The package entry loads every
// feature (fetch, WebSocket, caches, mocks); the transport needs only the Agent and the connector, and
// loading the rest would slow down every CLI start. ESM on purpose: if transport.ts imports any
// other name, esbuild fails the build ("No matching export") instead of handing it `undefined`.
import Agent from 'undici/lib/dispatcher/agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';
import buildConnector from 'undici/lib/core/connect.js';

// What undici's index.js does: `request()` and friends live on every dispatcher.
Object.assign(Dispatcher.prototype, api);

export { Agent, buildConnector };
