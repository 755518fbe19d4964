// The Inspect feature's public face. It starts Drafts ("Edit as draft") and Credentials ("Log in…")
// through navigation routes, never by importing them.
export { InspectScreen } from './inspect-screen';
