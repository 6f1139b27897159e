import { createHash } from 'node:crypto';
import { compileSerialPattern, readSerialPattern } from '../../src/domain/serial-policy.ts';
import type { AppConfig, ConfigInForce, ConfigSource } from '../../src/domain/types.ts';
import { canonicalJson } from '../canonical-json.ts';
import { ProblemError } from '../problem.ts';
import type { Storage } from '../storage/storage.ts';

/**
 * Resolves the configuration in force for a store: the store's own when set, else the
 * global one, else an empty one.
 */
export async function resolveConfigInForce(storage: Storage, storeId: string): Promise<ConfigInForce> {
  const own = await storage.config.getConfig(storeId);
  if (own) return { config: own, source: 'store', store_id: storeId, version: versionConfig(own, 'store') };

  const global = await storage.config.getConfig(null);
  if (global) return { config: global, source: 'global', store_id: storeId, version: versionConfig(global, 'global') };

  const empty: AppConfig = {};
  return { config: empty, source: 'none', store_id: storeId, version: versionConfig(empty, 'none') };
}

/**
 * Derives the version (and ETag) from the content and its source, so equal documents give
 * equal versions on every server and a change of source changes the version. The store id
 * is left out because a device token only ever reads its own store.
 */
export function versionConfig(config: AppConfig, source: ConfigSource): string {
  const digest = createHash('sha256').update(canonicalJson({ source, config })).digest('base64url');
  return digest.slice(0, 22);
}

/**
 * Checks a configuration before it is stored and returns warnings for people.
 * Throws a 422 problem when `serial_number_regex` does not compile with RE2 syntax.
 */
export function checkAppConfig(config: AppConfig): string[] {
  const misplaced = findMisplacedPatterns(config);
  const pattern = readSerialPattern({ config, source: 'none', store_id: '', version: '' });
  if (pattern === undefined) return misplaced;

  const compiled = compileSerialPattern(pattern);
  if (!compiled.ok) {
    throw new ProblemError({
      status: 422,
      code: 'invalid_pattern',
      detail: `Pattern ${JSON.stringify(pattern)} does not compile: ${compiled.error}. Fix the pattern (RE2 syntax, as the devices use) and send it again.`,
      errors: [{ path: '/capabilities/serialized_inventory/serial_number_regex', message: compiled.error }],
    });
  }

  if (compiled.anchored) return misplaced;
  return [
    ...misplaced,
    `Pattern ${JSON.stringify(pattern)} is not anchored, so it also accepts longer text that merely contains a match. Write it as ^...$ to match the whole serial.`,
  ];
}

const PATTERN_KEY = 'serial_number_regex';
const PATTERN_PATH = '/capabilities/serialized_inventory/serial_number_regex';
const SERIAL_SECTION_PATH = '/capabilities/serialized_inventory';
/** Key names that suggest a serial format: any key with regex, pattern or format in it. */
const PATTERN_LIKE_KEY = /regex|regexp|pattern|format/i;

// A pattern sent at another place than the one devices read is stored but checks nothing,
// so the store would take any serial while the admin believes a format is in force.
function findMisplacedPatterns(config: AppConfig): string[] {
  const warnings: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = `${path}/${key}`;
      if (key === PATTERN_KEY && childPath !== PATTERN_PATH) {
        warnings.push(
          `${childPath} is not where devices read the serial format, so it checks nothing. Send it as ${PATTERN_PATH} instead.`,
        );
      } else if (key !== PATTERN_KEY && (path === SERIAL_SECTION_PATH || PATTERN_LIKE_KEY.test(key))) {
        // A misspelt key, such as serial_regex, leaves the store without a format.
        warnings.push(
          `${childPath} is not a field devices read, so it checks nothing. The serial format goes in ${PATTERN_PATH}.`,
        );
      }
      visit(child, childPath);
    }
  };
  visit(config, '');
  return warnings;
}
