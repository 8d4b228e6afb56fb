import { distance } from 'fastest-levenshtein';
import picomatch from 'picomatch';

/** How many candidates an error names, unless the caller says otherwise. */
const DEFAULT_LIMIT = 3;

/**
The candidates closest to `input` by edit distance, closest first (ties keep the candidates' order),
for a "did you mean" in an error message. Only candidates within a sensible distance count: at most
a third of the longer of the two strings (so `cn-shanghia` finds `cn-shanghai`, and a short typo does
not "match" everything), and at least one edit. An exact match is left out (nothing to suggest).
*/
export function closestMatches(input: string, candidates: Iterable<string>, limit = DEFAULT_LIMIT): string[] {
  const scored: Array<{ candidate: string; score: number; order: number }> = [];
  let order = 0;
  for (const candidate of new Set(candidates)) {
    const score = distance(input, candidate);
    const allowed = Math.max(1, Math.floor(Math.max(input.length, candidate.length) / 3));
    if (score > 0 && score <= allowed) scored.push({ candidate, score, order: order++ });
  }
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map(({ candidate }) => candidate);
}

/**
The keys closest to a glob that matched none of them, closest first: each key is compared with the
glob as that key would fill it in (a `:`-separated segment of the glob that matches the key's segment
there, such as `*`, takes the key's text; a last segment matching the key's rest takes it all), so
only the glob's literal text counts, e.g. the typo in `tencent:*:region=ap-guangzou:*`. Unlike
`closestMatches`, any distance counts: the keys are shown to say what there is.
*/
export function closestKeysToGlob(glob: string, keys: Iterable<string>, limit = DEFAULT_LIMIT): string[] {
  const globSegments = glob.split(':');
  const scored = [...new Set(keys)].map((key, order) => ({ key, order, score: distance(filledIn(globSegments, key), key) }));
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map(({ key }) => key);
}

function filledIn(globSegments: readonly string[], key: string): string {
  const keySegments = key.split(':');
  const last = globSegments.length - 1;
  return globSegments.map((segment, index) => {
    const rest = index === last ? keySegments.slice(index).join(':') : keySegments[index];
    if (rest === undefined) return segment;
    return picomatch.isMatch(rest, segment, { dot: true }) ? rest : segment;
  }).join(':');
}
