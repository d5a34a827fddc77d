/** Emergency cues (fire, robbery, injury, drowning, someone trapped): a rule that outranks every model decision. */
import { foldForMatch, normaliseText } from './normalise';
import { PhraseMatcher } from './phrase-matcher';
import type { Cues } from './resources';
import type { Word } from './token-normaliser';

// Two words this close together make a cue even without diacritics ("chay ... lua" is a fire, "chay" alone may be "chạy").
const NEAR_WINDOW = 6;
// A cue at most this many words after "bảo là" / "giả vờ" is what the scammer said ("bảo là đang cấp cứu ở viện").
const QUOTE_WINDOW = 4;

/** Cue phrases on folded words, cues that need their diacritics (cháy ≠ chạy) on toned words, word pairs, and phrases that cancel a cue (chữa cháy). */
export class EmergencyDetector {
  // Each folded cue keeps its own diacritics: "cháy xưởng" folds to "chay xuong", which is also "cháy xuống".
  private readonly folded = new PhraseMatcher<string[]>();
  private readonly toned = new PhraseMatcher<true>((p) => normaliseText(p.toLowerCase()));
  private readonly suppress = new PhraseMatcher<true>();
  private readonly near: [string, string][];
  private readonly incident: Set<string>;
  private readonly past = new PhraseMatcher<true>();
  private readonly urgent = new PhraseMatcher<string[]>();
  private readonly calm = new PhraseMatcher<true>();
  private readonly aftermath = new PhraseMatcher<true>();
  private readonly quoted = new PhraseMatcher<true>();
  private readonly scam = new PhraseMatcher<true>();
  private readonly claimed: Set<string>;

  constructor(cues: Cues['emergency']) {
    for (const p of cues.phrases) this.folded.add(p, normaliseText(p.toLowerCase()).split(/\s+/));
    for (const p of cues.toned) this.toned.add(p, true);
    for (const p of cues.suppress) this.suppress.add(p, true);
    this.near = cues.near.map(([a, b]) => [foldForMatch(a), foldForMatch(b)]);
    this.incident = new Set(cues.incident.map(foldForMatch));
    for (const p of cues.past) this.past.add(p, true);
    for (const p of cues.not_urgent) this.calm.add(p, true);
    for (const p of cues.urgent) this.urgent.add(p, normaliseText(p.toLowerCase()).split(/\s+/));
    for (const p of cues.aftermath) this.aftermath.add(p, true);
    for (const p of cues.quoted) this.quoted.add(p, true);
    for (const p of cues.scam) this.scam.add(p, true);
    this.claimed = new Set(cues.claimed.map(foldForMatch));
  }

  /** Words of every cue (vocabulary for the spelling corrector). */
  words(): string[] {
    return [...[this.folded, this.suppress, this.past, this.urgent, this.aftermath].flatMap((m) => m.words()), ...this.near.flat()];
  }

  /**
   * The token range of the first emergency cue not inside a cancelling phrase, or undefined. `paperwork` says the message
   * names one of our procedures: "xe bị tai nạn hỏng, muốn thu hồi đăng ký" asks about the aftermath, not for help now.
   */
  detect(words: readonly Word[], paperwork = false): { from: number; to: number } | undefined {
    const folded = words.map((w) => w.text);
    const blocked = this.suppress.matchAll(folded);
    const inside = (m: { from: number; to: number }) => blocked.some((b) => b.from <= m.from && m.to <= b.to);
    const hits = [...this.folded.matchAll(folded).filter((m) => this.typedAsCue(words, m.from, m.value)), ...this.toned.matchAll(words.map((w) => w.toned)), ...this.nearHits(folded)];
    // "bị trộm xe tối qua" reports a crime that is over: the rule stands down and lets the model choose (it knows
    // crime_report), and so is an incident told before a question about a procedure. Danger to life (fire, injury,
    // drowning, "cứu") is never deferred, nor anything said to be going on now.
    if (hits.length === 0) return undefined;
    const urgent = this.urgentIn(words);
    const over = (paperwork || this.past.matchAll(folded).length > 0) && !urgent;
    const deferred = (h: { from: number; to: number }) => over && this.incident.has(folded.slice(h.from, h.to).join(' '));
    // Round 7, only for paperwork without an urgency word (recall first): a cue that overlaps a cancelling phrase
    // ("phong chay xuong" is "phòng cháy xuống", not "cháy xưởng"; "vu chay qua toc do" is "vụ chạy quá tốc độ"), and the fire of a fire that is over ("xe bị cháy rụi,
    // làm thủ tục xóa đăng ký"): the cue's words share the aftermath's ("bị cháy" / "cháy rụi").
    const calmPaperwork = paperwork && !urgent;
    const overlapping = (h: { from: number; to: number }) => calmPaperwork && blocked.some((b) => b.from < h.to && h.from < b.to);
    const burnt = calmPaperwork ? new Set(this.aftermath.matchAll(folded).flatMap((m) => folded.slice(m.from, m.to))) : undefined;
    const burntOut = (h: { from: number; to: number }) => !!burnt && burnt.size > 0 && folded.slice(h.from, h.to).some((w) => burnt.has(w));
    // What a scammer said ("nhắn tin vay tiền, bảo là đang cấp cứu ở viện"): quoted, in a scam story, it is no emergency.
    const quotes = this.quoted.matchAll(folded);
    const scamStory = quotes.length > 0 && this.scam.matchAll(folded).length > 0;
    const quotedCue = (h: { from: number; to: number }) =>
      scamStory && this.claimed.has(folded.slice(h.from, h.to).join(' ')) && quotes.some((q) => q.to <= h.from && h.from - q.to <= QUOTE_WINDOW);
    return hits
      .filter((h) => !inside(h) && !deferred(h) && !overlapping(h) && !burntOut(h) && !quotedCue(h))
      .sort((a, b) => a.from - b.from)[0];
  }

  /**
   * Whether an urgency word is present. Folded, "đăng ký" reads as "đang ký": a word typed with diacritics counts only
   * if they are the cue's own, so "đăng ký xe" is not "đang" (going on now); a word typed without any still counts,
   * except inside the `not_urgent` phrases ("dang ky" is always "đăng ký").
   */
  private urgentIn(words: readonly Word[]): boolean {
    const folded = words.map((w) => w.text);
    const calm = this.calm.matchAll(folded);
    const inCalm = (m: { from: number; to: number }) => calm.some((c) => c.from <= m.from && m.to <= c.to);
    return this.urgent.matchAll(folded).some((m) => !inCalm(m) && m.value.every((cue, k) => {
      const w = words[m.from + k];
      return w.toned === w.text || w.toned === cue;
    }));
  }

  /**
   * Whether the words at `from` can be the cue: a word typed without diacritics always can; a word typed with them only
   * if they are the cue's own ("phòng cháy xuống kiểm tra" is not "cháy xưởng", though both fold to "chay xuong").
   */
  private typedAsCue(words: readonly Word[], from: number, cue: readonly string[]): boolean {
    return cue.every((c, k) => {
      const w = words[from + k];
      // A word the spelling corrector changed is trusted as corrected.
      return !w || w.toned === w.text || w.toned === c || foldForMatch(c) === c || foldForMatch(w.toned) !== w.text;
    });
  }

  private nearHits(folded: readonly string[]): { from: number; to: number }[] {
    const hits: { from: number; to: number }[] = [];
    for (const [a, b] of this.near) {
      folded.forEach((w, i) => {
        if (w !== a) return;
        for (let j = Math.max(0, i - NEAR_WINDOW); j < Math.min(folded.length, i + NEAR_WINDOW + 1); j++) {
          if (j !== i && folded[j] === b) hits.push({ from: i, to: i + 1 });
        }
      });
    }
    return hits;
  }
}
