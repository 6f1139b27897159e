import type { Services } from './services.ts';
import './catalog-progress.css';

const COUNT_FORMAT = new Intl.NumberFormat();

/**
 * Shows a progress bar with counts while a catalog download runs, and nothing between
 * downloads. Checkout keeps working meanwhile, with the products stored so far.
 */
export function CatalogProgress({ engine }: Pick<Services, 'engine'>) {
  const progress = engine.status.value.catalogProgress;
  if (progress === undefined) {
    return null;
  }
  const { received, total } = progress;
  // Changes made on the server during the download can make `received` pass an early total.
  const max = total === undefined ? undefined : Math.max(total, received);
  const text =
    max === undefined
      ? `Catalog: ${COUNT_FORMAT.format(received)} received`
      : `Catalog: ${COUNT_FORMAT.format(received)} of ${COUNT_FORMAT.format(max)}`;

  return (
    <p class="catalog-progress" role="status" data-received={received} data-total={max}>
      {/* Without a max, <progress> shows as indeterminate, which fits an unknown total. */}
      <progress value={max === undefined ? undefined : received} max={max} aria-label="Catalog download" />
      <span>{text}</span>
    </p>
  );
}
