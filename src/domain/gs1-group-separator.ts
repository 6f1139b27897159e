// Kept apart from the GS1 parser, so that deciding whether a scan is GS1 does not load it.

/** The GS1 group separator (ASCII 29), which scanners send for FNC1. */
export const GS1_GROUP_SEPARATOR = '\u001d';
