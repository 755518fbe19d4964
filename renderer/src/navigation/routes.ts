import { z } from 'zod';
import { assertNever } from '../../../shared/errors';

// A schema, not only a type: routes come back from `history.state` and the URL, which anything can write.
const RouteSchema = z.discriminatedUnion('screen', [
  /** `ref`: the reference last submitted (what the inspect query is keyed by). */
  z.object({ screen: z.literal('inspect'), ref: z.string().optional() }),
  /** `draftRef`: the open draft; `copyFrom`: a remote list the screen offers to copy into a new draft. */
  z.object({ screen: z.literal('drafts'), draftRef: z.string().optional(), copyFrom: z.string().optional() }),
  /** `registry`: preselected in the login form. */
  z.object({ screen: z.literal('credentials'), registry: z.string().optional() }),
]);

/** Where the user is: a screen and what it shows. What is fetched never lives here (react-query has it). */
export type Route = z.infer<typeof RouteSchema>;
export type Screen = Route['screen'];
export type RouteOf<S extends Screen> = Extract<Route, { screen: S }>;

export const HOME: Route = { screen: 'inspect' };

/** The URL parameter of each route field, per screen; short and readable in the address bar. */
const PARAMS: { [S in Screen]: { [K in Exclude<keyof RouteOf<S>, 'screen'>]-?: string } } = {
  inspect: { ref: 'ref' },
  drafts: { draftRef: 'draft', copyFrom: 'copy-from' },
  credentials: { registry: 'registry' },
};

export function parseRoute(value: unknown): Route | null {
  const r = RouteSchema.safeParse(value);
  return r.success ? normalizeRoute(r.data) : null;
}

/** Drops empty and missing params, so `{screen, ref: undefined}` and `{screen}` are one route. */
export function normalizeRoute(route: Route): Route {
  const out: Record<string, string> = { screen: route.screen };
  for (const [k, v] of Object.entries(route)) if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  return out as Route;
}

export function sameRoute(a: Route, b: Route): boolean {
  const x = normalizeRoute(a) as Record<string, string>;
  const y = normalizeRoute(b) as Record<string, string>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every((k) => x[k] === y[k]);
}

/** `{screen:'drafts', draftRef:'reg/app:1'}` → `#/drafts?draft=reg%2Fapp%3A1`. */
export function routeToHash(route: Route): string {
  const names: Record<string, string> = PARAMS[route.screen];
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(normalizeRoute(route))) if (k !== 'screen' && names[k]) query.set(names[k], v);
  const q = query.toString();
  return `#/${route.screen}${q === '' ? '' : `?${q}`}`;
}

/** The inverse of `routeToHash`; null for a hash that names no route (empty, or not ours). */
export function routeFromHash(hash: string): Route | null {
  const m = /^#\/([a-z-]+)(?:\?(.*))?$/.exec(hash);
  if (m === null) return null;
  const screen = m[1] as Screen;
  const names: Record<string, string> | undefined = Object.hasOwn(PARAMS, screen) ? PARAMS[screen] : undefined;
  if (names === undefined) return null;
  const query = new URLSearchParams(m[2] ?? '');
  const route: Record<string, string> = { screen };
  for (const [field, param] of Object.entries(names)) {
    const v = query.get(param);
    if (v !== null) route[field] = v;
  }
  return parseRoute(route);
}

/** A few words for a Back/Forward tooltip: "Inspect reg/app:1", "Draft reg/app:1". */
export function describeRoute(route: Route): string {
  switch (route.screen) {
    case 'inspect':
      return route.ref === undefined ? 'Inspect' : `Inspect ${route.ref}`;
    case 'drafts':
      if (route.copyFrom !== undefined) return `Copy ${route.copyFrom} into a draft`;
      return route.draftRef === undefined ? 'Drafts' : `Draft ${route.draftRef}`;
    case 'credentials':
      return route.registry === undefined ? 'Credentials' : `Credentials for ${route.registry}`;
    default:
      return assertNever(route);
  }
}
