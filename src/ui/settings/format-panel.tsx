import { useState } from 'preact/hooks';
import { tryFormat } from '../../domain/format-trial.ts';
import type { ConfigInForce } from '../../domain/types.ts';

const SOURCE_LABELS = {
  store: 'set for this store',
  global: 'global, set for all stores',
  none: 'none set: any non-empty serial is accepted',
} as const;

/** Shows the serial number format in force and tries a sample serial against it. */
export function FormatPanel({ config }: { config: ConfigInForce | undefined }) {
  const [sample, setSample] = useState('');
  const trial = tryFormat(config, sample);

  return (
    <section class="panel" aria-labelledby="format-heading">
      <h2 id="format-heading">Serial number format</h2>
      <dl>
        <dt>Pattern in force</dt>
        <dd>
          <code data-pattern>{trial.pattern ?? 'none'}</code> ({trial.description})
        </dd>
        <dt>Where it comes from</dt>
        <dd data-pattern-source>{SOURCE_LABELS[trial.source]}</dd>
      </dl>
      <label for="format-sample">Scan or type a sample serial from stock</label>
      <input
        id="format-sample"
        value={sample}
        autoComplete="off"
        onInput={(event) => setSample((event.currentTarget as HTMLInputElement).value)}
        onKeyDown={(event) => {
          // A wedge scanner ends with Enter: keep the sample in view. Tab still moves the
          // focus, so a keyboard user can leave the field.
          if (event.key === 'Enter') event.preventDefault();
        }}
      />
      {sample.trim() !== '' && (
        <p class={trial.result.ok ? 'result ok' : 'result error'} role="status" data-format-result>
          {trial.result.ok ? `${trial.result.serial} matches the format.` : `${trial.result.serial || sample.trim()} does not match: ${trialReason(trial.result, trial.description)}`}
        </p>
      )}
    </section>
  );
}

function trialReason(result: Extract<ReturnType<typeof tryFormat>['result'], { ok: false }>, description: string): string {
  switch (result.reason) {
    case 'empty':
      return 'it is empty.';
    case 'too_long':
      return `it has ${result.length} characters, more than the 128 allowed.`;
    case 'pattern_unusable':
      return 'the configured pattern cannot be used on this device. Ask the administrator to fix it.';
    case 'format':
      return `the format in force is ${description}.`;
  }
}
