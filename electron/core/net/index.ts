/** Public face of `core/net`: where a registry is reached, and connections opened ahead of need. */
export { endpointHost, isLoopbackHost, socketAddress, splitHost } from './hosts';
export { IDLE_CONNECTION_MS, LIST_PRECONNECT, TcpSockets, type ConnectTarget } from './tcp-sockets';
