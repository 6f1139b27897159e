import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * Wraps a screen whose code is in a chunk of its own. The chunk is loaded on the first
 * visit, and a short loading state shows meanwhile. The service worker precaches every
 * chunk, so this works offline. A failed load is forgotten, so that the next visit of the
 * screen tries again.
 *
 * @param title The screen's name as the navigation shows it, for the loading and error text.
 * @param load Imports the chunk and returns the screen's component.
 */
export function lazyScreen<Props extends object>(title: string, load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  let loaded: ComponentType<Props> | undefined;
  let loading: Promise<ComponentType<Props>> | undefined;

  function loadOnce(): Promise<ComponentType<Props>> {
    loading ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  }

  function LazyScreen(props: Props) {
    // The count only makes the screen render again once the chunk has loaded. The component
    // stays in `loaded`, because useState calls a function given to it as an initializer.
    const [, setLoadCount] = useState(0);
    const [failure, setFailure] = useState<string | undefined>(undefined);

    useEffect(() => {
      if (loaded !== undefined) return;
      let mounted = true;
      loadOnce().then(
        () => mounted && setLoadCount((count) => count + 1),
        (error: unknown) => mounted && setFailure(error instanceof Error ? error.message : String(error)),
      );
      return () => {
        mounted = false;
      };
    }, []);

    if (loaded !== undefined) {
      const Screen = loaded;
      return <Screen {...props} />;
    }
    if (failure !== undefined) {
      return (
        <section class="screen" role="alert">
          <h1>{title}</h1>
          <p>
            The {title} screen could not be loaded ({failure}). Reload the app to try again.
          </p>
        </section>
      );
    }
    return (
      <section class="screen" aria-busy="true">
        <h1>{title}</h1>
        <p role="status">Loading {title}…</p>
      </section>
    );
  }

  LazyScreen.displayName = `Lazy(${title})`;
  return LazyScreen;
}
