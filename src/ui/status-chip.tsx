import type { Services } from './services.ts';

/** Online or offline, sales waiting to be sent, and the time of the last successful sync. */
export function StatusChip({ engine }: Pick<Services, 'engine'>) {
  const status = engine.status.value;
  const parts = [status.online ? 'Online' : 'Offline', `${status.pending} pending`];
  if (status.failed > 0) parts.push(`${status.failed} failed`);
  parts.push(status.lastSuccessAt ? `synced ${formatTime(status.lastSuccessAt)}` : 'never synced');

  return (
    <p
      class={`status-chip ${status.online ? 'online' : 'offline'}`}
      role="status"
      data-online={String(status.online)}
      data-pending={status.pending}
      title={status.lastError}
    >
      {parts.join(' · ')}
      {status.needsPairing && <a href="#/settings"> · pair this device</a>}
    </p>
  );
}

function formatTime(iso: string): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date().toDateString();
  return sameDay ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : at.toLocaleString();
}
