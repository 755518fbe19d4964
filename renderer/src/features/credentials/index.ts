// The Credentials feature's public face.
export { CredentialsScreen } from './credentials-screen';
