import { signal } from '@preact/signals';

/** The screens, addressed by the URL hash so that every deep link opens from the precache. */
export type Screen = 'checkout' | 'settings' | 'pair';

export interface Route {
  screen: Screen;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  if (path === 'settings') return { screen: 'settings', params };
  if (path === 'pair') return { screen: 'pair', params };
  return { screen: 'checkout', params };
}

export const route = signal<Route>(parseRoute(location.hash));

window.addEventListener('hashchange', () => {
  route.value = parseRoute(location.hash);
});

export function navigate(screen: Screen): void {
  location.hash = `#/${screen}`;
}
