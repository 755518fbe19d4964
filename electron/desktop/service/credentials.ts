import { StudioError } from '../../../shared/errors';
import type { CredentialProblemDto, RegistryLoginDto } from '../../../shared/model';
import type { CredentialHelperError } from '../../core/credentials';
import { type Core, helperAdvice, login, loginDomain, logout } from '../../core/operations';
import type { AppService } from './app-service';
import { withClient } from './with-client';

/** Credentials: docker's logins and the app's own, logging in and out, testing a connection. */
export function credentialsService(core: Core): Pick<AppService, 'listLogins' | 'login' | 'logout' | 'testConnection'> {
  return {
    async listLogins() {
      const failed = new Map<string, CredentialHelperError>();
      const docker: RegistryLoginDto[] = await core.credentials.list({ onProblem: (e) => void failed.set(e.helper, e) });
      const app = (await core.appLogins?.list()) ?? [];
      // App logins first: they are the ones requests use (see Core.findCredential).
      const logins = [...app.map((l): RegistryLoginDto => ({ ...l, source: 'app' })), ...docker];
      return { logins, problems: [...failed.values()].map((e) => problemDto(e, core)) };
    },
    async login(registry, username, password, options) {
      const store = options?.store ?? 'docker';
      const domain = await login(core, registry, username, password, options?.signal, store);
      if (store === 'app') return { registry: domain, username, source: 'app' };
      const all = await core.credentials.list({ onProblem: () => undefined });
      return all.find((l) => l.registry === domain || loginDomain(l.registry) === domain) ?? { registry: domain, username, source: 'auths' };
    },
    async logout(registry) {
      await logout(core, registry);
    },
    async testConnection(registry, options) {
      const domain = loginDomain(registry);
      try {
        const credential = await core.findCredential(domain);
        const result = await withClient(core, (c) => c.checkLogin(domain, credential ?? {}, { signal: options?.signal }));
        const problem = core.credentialProblem(domain);
        const anonymous = problem ? `Connected anonymously: docker-credential-${problem.helper} gave no credentials (${problem.message}).` : 'Connected (anonymous).';
        return { registry: domain, ok: true, authScheme: result.auth, message: credential ? 'Connected and signed in.' : anonymous };
      } catch (e) {
        if (!(e instanceof StudioError)) throw e;
        return { registry: domain, ok: false, message: e.hint ? `${e.message} — ${e.hint}` : e.message };
      }
    },
  };
}

function problemDto(e: CredentialHelperError, core: Core): CredentialProblemDto {
  return { helper: e.helper, message: e.message, hint: helperAdvice(e.helper, core) };
}
