import { MessageBar } from './message-bar.tsx';

/**
 * Renders the screen shown while device storage opens. It carries the message bar, because
 * an upgrade blocked by another open tab waits here, and its message must be visible.
 */
export function Starting() {
  return (
    <>
      <MessageBar />
      <main class="screen starting">
        <p>Opening device storage…</p>
      </main>
    </>
  );
}
