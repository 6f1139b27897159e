// GS1 application identifiers (AIs) and the format of the data after each, from the GS1
// General Specifications as the GS1 Barcode Syntax Dictionary lists them. AIs that a
// checkout scan may meet are listed; an AI missing here is reported as unknown.

/** Character sets of AI data: digits, GS1 AI encodable set 82, set 39, and set 64. */
export type Gs1Charset = 'N' | 'X' | 'Y' | 'Z';

/** The format of the data that follows one application identifier. */
export interface Gs1AiSpec {
  ai: string;
  /** Minimum data length in characters. */
  minLength: number;
  /** Maximum data length in characters; equal to `minLength` for a fixed length. */
  maxLength: number;
  charset: Gs1Charset;
  /** Number of leading characters that must be digits, for fields such as 253 or 421. */
  digitPrefix: number;
  /** Number of leading digits that end with a GS1 mod-10 check digit, or 0. */
  checkDigitLength: number;
  /** True for a YYMMDD date, where day 00 means the end of the month. */
  date: boolean;
  /**
   * True when the AI's first two digits fix the element's length, so no group separator
   * follows it. Every other element ends at a separator or at the end of the data.
   */
  predefinedLength: boolean;
}

// The predefined-length table of the General Specifications, keyed by the first two
// digits of the AI. 03, 04, 14, 18 and 19 are reserved there and have no AI yet.
const PREDEFINED_PREFIXES: ReadonlySet<string> = new Set([
  '00', '01', '02', '03', '04', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20',
  '31', '32', '33', '34', '35', '36', '41',
]);

type SpecOptions = Partial<Pick<Gs1AiSpec, 'digitPrefix' | 'checkDigitLength' | 'date'>> & { min?: number };

const specs = new Map<string, Gs1AiSpec>();

function define(ais: readonly string[], charset: Gs1Charset, maxLength: number, options: SpecOptions = {}): void {
  for (const ai of ais) {
    specs.set(ai, {
      ai,
      minLength: options.min ?? 1,
      maxLength,
      charset,
      digitPrefix: options.digitPrefix ?? (charset === 'N' ? maxLength : 0),
      checkDigitLength: options.checkDigitLength ?? 0,
      date: options.date ?? false,
      predefinedLength: PREDEFINED_PREFIXES.has(ai.slice(0, 2)),
    });
  }
}

// Fixed-length data: the minimum equals the maximum.
function defineFixed(ais: readonly string[], charset: Gs1Charset, length: number, options: SpecOptions = {}): void {
  define(ais, charset, length, { ...options, min: length });
}

// Lists the AIs `first`..`last`, e.g. 3100..3105 for net weight in kg with 0 to 5 decimals.
function range(first: number, last: number): string[] {
  const ais: string[] = [];
  for (let ai = first; ai <= last; ai += 1) {
    ais.push(String(ai).padStart(2, '0'));
  }
  return ais;
}

defineFixed(['00'], 'N', 18, { checkDigitLength: 18 });
defineFixed(['01', '02'], 'N', 14, { checkDigitLength: 14 });
define(['10', '21', '22'], 'X', 20);
defineFixed(['11', '12', '13', '15', '16', '17'], 'N', 6, { date: true });
defineFixed(['20'], 'N', 2);
define(['235'], 'X', 28);
define(['240', '241', '250', '251'], 'X', 30);
define(['242'], 'N', 6);
define(['243', '254'], 'X', 20);
define(['253'], 'X', 30, { min: 13, digitPrefix: 13, checkDigitLength: 13 });
define(['255'], 'N', 25, { min: 13, checkDigitLength: 13 });
define(['30', '37'], 'N', 8);

// Measures 310n to 369n: the fourth digit is the number of decimals (0 to 5). Groups
// 317-319, 338-339 and 358-359 are not assigned.
const MEASURE_GROUPS = [...range(310, 316), ...range(320, 337), ...range(340, 357), ...range(360, 369)];
for (const group of MEASURE_GROUPS) {
  defineFixed(range(Number(group) * 10, Number(group) * 10 + 5), 'N', 6);
}
define(range(3900, 3909), 'N', 15);
define(range(3910, 3919), 'N', 18, { min: 4 });
define(range(3920, 3929), 'N', 15);
define(range(3930, 3939), 'N', 18, { min: 4 });
defineFixed(range(3940, 3943), 'N', 4);
defineFixed(range(3950, 3955), 'N', 6);

define(['400', '401', '403'], 'X', 30);
defineFixed(['402'], 'N', 17, { checkDigitLength: 17 });
defineFixed(range(410, 417), 'N', 13, { checkDigitLength: 13 });
define(['420'], 'X', 20);
define(['421'], 'X', 12, { min: 4, digitPrefix: 3 });
defineFixed(['422', '424', '426'], 'N', 3);
define(['423', '425'], 'N', 15, { min: 3 });
define(['427'], 'X', 3);
define(['4300', '4301', '4310', '4311', '4320'], 'X', 35);
define(['4302', '4303', '4304', '4305', '4306', '4312', '4313', '4314', '4315', '4316'], 'X', 70);
defineFixed(['4307', '4317'], 'X', 2);
define(['4308', '4319'], 'X', 30);
define(['4318'], 'X', 20);
defineFixed(['4309'], 'N', 20);
defineFixed(['4321', '4322', '4323'], 'N', 1);
defineFixed(['4324', '4325'], 'N', 10);
defineFixed(['4326'], 'N', 6);
define(['4330', '4331', '4332', '4333'], 'X', 7, { min: 6, digitPrefix: 6 });

defineFixed(['7001'], 'N', 13);
define(['7002'], 'X', 30);
defineFixed(['7003'], 'N', 10);
define(['7004'], 'N', 4);
define(['7005'], 'X', 12);
defineFixed(['7006'], 'N', 6);
define(['7007'], 'N', 12, { min: 6 });
define(['7008'], 'X', 3);
define(['7009'], 'X', 10);
define(['7010'], 'X', 2);
define(['7011'], 'N', 10, { min: 6 });
define(['7020', '7021', '7022'], 'X', 20);
define(['7023'], 'X', 30);
define(range(7030, 7039), 'X', 30, { min: 4, digitPrefix: 3 });
defineFixed(['7040'], 'X', 4, { digitPrefix: 1 });
define(range(710, 715), 'X', 20);
define(range(7230, 7239), 'X', 30, { min: 3 });
define(['7240'], 'X', 20);
defineFixed(['7241'], 'N', 2);
define(['7242'], 'X', 25);

defineFixed(['8001'], 'N', 14);
define(['8002', '8012'], 'X', 20);
define(['8003'], 'X', 30, { min: 14, digitPrefix: 14, checkDigitLength: 14 });
define(['8004'], 'X', 30);
defineFixed(['8005'], 'N', 6);
defineFixed(['8006', '8026'], 'N', 18, { checkDigitLength: 14 });
define(['8007'], 'X', 34);
define(['8008'], 'N', 12, { min: 8 });
define(['8009'], 'X', 50);
define(['8010'], 'Y', 30);
define(['8011'], 'N', 12);
define(['8013', '8020'], 'X', 25);
defineFixed(['8017', '8018'], 'N', 18, { checkDigitLength: 18 });
define(['8019'], 'N', 10);
define(['8030'], 'Z', 90);
define(['8110', '8112', '8200'], 'X', 70);
defineFixed(['8111'], 'N', 4);
define(['90'], 'X', 30);
define(range(91, 99), 'X', 90);

// AIs that share their first two digits have the same length, so those two digits tell
// how many digits the AI has. The General Specifications assign AIs that way on purpose.
const aiLengthByPrefix = new Map<string, number>();
for (const ai of specs.keys()) {
  aiLengthByPrefix.set(ai.slice(0, 2), ai.length);
}

/** Finds the format of application identifier `ai`, e.g. `01` or `3103`. */
export function findAiSpec(ai: string): Gs1AiSpec | undefined {
  return specs.get(ai);
}

/**
 * Returns how many digits an AI starting with `prefix` (its first two digits) has, or
 * undefined when no listed AI starts with them.
 */
export function aiLengthFor(prefix: string): number | undefined {
  return aiLengthByPrefix.get(prefix);
}

/** Lists every application identifier in the table, for tests and diagnostics. */
export function listAis(): string[] {
  return Array.from(specs.keys());
}
