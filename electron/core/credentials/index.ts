export { DockerCredentials } from './docker-credentials';
export type { Credential, CredentialLookup, DockerCredentialsOptions, EraseResult } from './docker-credentials';
export type { CredentialListing, CredentialSource } from './list-credentials';
export { DOCKER_HUB_KEY, convertToHostname, credentialKey, resolveConfigDir } from './keys';
export {
  CredentialHelperError,
  DEFAULT_HELPER_TIMEOUT_MS,
  MISSING_SERVER_URL_MESSAGE,
  MISSING_USERNAME_MESSAGE,
  NOT_FOUND_MESSAGE,
  runHelper,
} from './helper-protocol';
export type { HelperFailure, HelperVerb, RunHelperOptions } from './helper-protocol';
export { TOKEN_USERNAME, helperErase, helperGet, helperList, helperStore } from './helper-client';
export type { HelperCredential } from './helper-client';
export { AuthEntrySchema, ConfigFileSchema, configFilePath } from './config-file';
export { AppLoginStore } from './app-logins';
export type { AppLoginInput, AppLoginListing, SecretBox } from './app-logins';
