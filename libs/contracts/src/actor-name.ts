/**
 * The key under which an actor's name is compared: Unicode-normalised (NFKC), lower-cased by
 * German rules, every run of punctuation and spaces one space. Both ends of
 * `survey.network-response.submitted` rely on it — the survey core merges duplicate names in a
 * respondent's answer with it, the network service finds the answer's actors among its own by
 * it — so it exists once: a change here changes both at the same time.
 */
export function normalizeActorName(name: string): string {
  return name
    .normalize('NFKC')
    .toLocaleLowerCase('de-DE')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
