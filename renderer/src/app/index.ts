// The shell: providers, chrome and the screens. Only entry points (main.tsx, the dev page) and tests import it.
export { App } from './app';
