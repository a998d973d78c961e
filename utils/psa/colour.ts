/** Colours from a PSA, checked before they reach a `style` (no zod here: the in-page board imports it). */

/**
 * A colour as CSS reads it, or nothing: a PSA's colour goes into a `style`, where `url(…)` would make
 * every board fetch an address the PSA chose.
 */
export function isCssColour(value: string): boolean {
  const v = value.trim();
  return (
    /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(v) ||
    /^(rgb|rgba|hsl|hsla)\(\s*[-0-9.%,\s/]+\)$/i.test(v) ||
    /^[a-z]{3,20}$/i.test(v)
  );
}
