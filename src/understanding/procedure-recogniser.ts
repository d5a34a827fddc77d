/** Finds which procedure a message is about from the alias lexicon, or only its family when the exact one is unclear. */
import { foldForMatch, normaliseText } from './normalise';
import { PhraseMatcher, type PhraseMatch } from './phrase-matcher';
import { ProcedureFamilies } from './procedure-families';
import type { ProcedureLexicon } from './resources';

type Alias = { kind: 'procedure'; id: string; weak?: boolean; purpose?: boolean } | { kind: 'group'; name: string; hint?: boolean };

/** What the recogniser found: the token range of the chosen mention and either a procedure id or a group name. */
export interface ProcedureMention {
  from: number;
  to: number;
  procedure?: string;
  group?: string;
  /** Named by a purpose alias ("mở khách sạn"): the parser drops it from a procedure_list answer. */
  purpose?: boolean;
  /**
   * Aliases were found but deliberately name nothing (unrelated families at once): neither procedure nor group is set,
   * and the learned procedure model must not guess one either (see procedure-decision.ts).
   */
  abstain?: true;
}

const ABSTAIN: ProcedureMention = { from: 0, to: 0, abstain: true };

// Two words of a family pair ("mua xe máy mới ... đi đăng ký") must be this close to name the family.
const PAIR_WINDOW = 6;
// Mentions at most this many words apart form a list ("tạm trú, tạm vắng và lưu trú", "con dấu với ...").
const LIST_GAP = 2;
// This many unrelated families in one message name none of them.
const UNRELATED_FAMILIES = 3;
// A specific procedure outranks any family mention, whatever their lengths.
const SPECIFIC = 100;

/** Alias lexicon (data file plus content editors' aliases) with per-group qualifiers that pick one member. */
export class ProcedureRecogniser {
  private readonly aliases = new PhraseMatcher<Alias>();
  private readonly blocked = new PhraseMatcher<true>();
  private readonly blockedToned = new PhraseMatcher<true>((p) => normaliseText(p.toLowerCase()));
  private readonly qualifiers = new Map<string, PhraseMatcher<string>>();
  private readonly pairs: { group: string; a: string[]; b: string[] }[] = [];
  private readonly families: ProcedureFamilies;

  constructor(lexicon: ProcedureLexicon, extraAliases: Record<string, string[]> = {}) {
    this.families = new ProcedureFamilies(lexicon.groups);
    // Specific procedures go in first so a phrase listed twice belongs to the procedure, not the group.
    for (const [id, list] of Object.entries(lexicon.procedures)) for (const a of list) this.aliases.add(a, { kind: 'procedure', id });
    // Content editors' aliases never override ambiguity: one that is (part of) a family alias ("thẻ căn cước",
    // "đăng ký xe") would silently pick one member where the bot must ask, so the family keeps it.
    const family = Object.values(lexicon.groups).flatMap((g) => g.aliases.map((a) => ` ${foldForMatch(a)} `));
    const insideFamily = (alias: string) => family.some((f) => f.includes(` ${foldForMatch(alias)} `));
    for (const [id, list] of Object.entries(extraAliases)) {
      for (const a of list) if (foldForMatch(a) && !insideFamily(a)) this.aliases.add(a, { kind: 'procedure', id });
    }
    for (const [id, list] of Object.entries(lexicon.purpose)) for (const a of list) this.aliases.add(a, { kind: 'procedure', id, purpose: true });
    // Weak aliases (a channel like "vneid", a hint like "phòng trọ") name a procedure only when nothing stronger is said.
    for (const [id, list] of Object.entries(lexicon.weak)) for (const a of list) this.aliases.add(a, { kind: 'procedure', id, weak: true });
    for (const [name, group] of Object.entries(lexicon.groups)) {
      for (const a of group.aliases) this.aliases.add(a, { kind: 'group', name });
      // Hints ("đổi thẻ", "cái thẻ") name the family only together with one of its qualifiers: alone, "thẻ" may be a bank card.
      for (const a of group.hints) this.aliases.add(a, { kind: 'group', name, hint: true });
      for (const [a, b] of group.pairs) this.pairs.push({ group: name, a: words(a), b: words(b) });
      const q = new PhraseMatcher<string>();
      for (const [id, phrases] of Object.entries(group.qualifiers)) for (const p of phrases) q.add(p, id);
      this.qualifiers.set(name, q);
    }
    for (const p of lexicon.blocked) this.blocked.add(p, true);
    for (const p of lexicon.blocked_toned) this.blockedToned.add(p, true);
  }

  /** Words of every alias and qualifier (vocabulary for the spelling corrector). */
  words(): string[] {
    return [this.aliases, ...this.qualifiers.values()].flatMap((m) => m.words());
  }

  /**
   * The best mention in the folded words: a specific procedure beats a family, longer beats shorter, earlier beats later.
   * Undefined when no alias occurs; an `abstain` mention when aliases occur but name nothing on purpose.
   */
  recognise(words: readonly string[], toned: readonly string[] = words): ProcedureMention | undefined {
    // "sang tên sổ đỏ" (land) or "con dâu" (a daughter-in-law, not a seal): aliases inside these phrases name nothing.
    const blocks = [...this.blocked.matchAll(words), ...this.blockedToned.matchAll(toned)];
    // A hint is weaker still: touching a blocked phrase is enough ("mất thẻ ngân hàng" is no căn cước).
    const free = (m: PhraseMatch<Alias>) =>
      !blocks.some((b) => (m.value.kind === 'group' && m.value.hint ? b.from < m.to && m.from < b.to : b.from <= m.from && m.to <= b.to));
    const matches = [...this.aliases.match(words), ...this.pairHits(words)].filter(free);
    // Qualifiers are looked up once per family, not once per mention (a 200-word flood of one alias stays linear).
    const qualified = new Map<string, Set<string>>();
    const qualifiersOf = (group: string) => {
      let ids = qualified.get(group);
      if (!ids) qualified.set(group, (ids = new Set((this.qualifiers.get(group)?.matchAll(words) ?? []).map((q) => q.value))));
      return ids;
    };
    const resolved = matches.flatMap((m) => this.resolve(m, qualifiersOf));
    if (resolved.length === 0) return undefined;
    const strong = resolved.filter((r) => !r.weak).map((r) => r.mention);
    const listed = this.listedFamily(strong);
    if (listed) return listed;
    // "nhà nghỉ mới mở: an ninh trật tự, lưu trú, phòng cháy" asks about everything at once: no one procedure is meant.
    if (this.families.spansUnrelated(strong, UNRELATED_FAMILIES)) return ABSTAIN;
    const best = resolved.reduce((a, b) => (b.score > a.score ? b : a));
    if (best.mention.group) {
      // Two unrelated families ("cư trú với căn cước") leave nothing to ask about one of them: no group is named.
      const others = resolved.flatMap((r) => (r.mention.group && r.mention.group !== best.mention.group ? [r.mention.group] : []));
      if (others.some((g) => this.families.disjoint(g, best.mention.group ?? ''))) return ABSTAIN;
    }
    return best.mention;
  }

  /**
   * Several members of one family listed together ("hộ khẩu, tạm trú có những thủ tục gì", "con dấu với kinh doanh có
   * điều kiện") name the family, not one of them. Only a list counts (at most LIST_GAP words between mentions): in
   * "hộ khẩu ở Bắc Kạn ... xin xác nhận cư trú" the first mention is context and the usual rule applies.
   */
  private listedFamily(mentions: ProcedureMention[]): ProcedureMention | undefined {
    const sorted = [...mentions].sort((a, b) => a.from - b.from);
    let start = 0;
    for (let i = 1; i <= sorted.length; i++) {
      if (i < sorted.length && sorted[i].from - sorted[i - 1].to <= LIST_GAP) continue;
      const run = sorted.slice(start, i);
      const common = run.length >= 2 ? this.families.commonFamily(run) : undefined;
      if (common) return { from: run[0].from, to: run[0].to, group: common };
      start = i;
    }
    return undefined;
  }

  /** One alias match as a mention with its score; a family alias plus one qualifier anywhere names that member. */
  private resolve(m: PhraseMatch<Alias>, qualifiersOf: (group: string) => Set<string>): { mention: ProcedureMention; score: number; weak: boolean }[] {
    const { from, to, value } = m;
    if (value.kind === 'procedure') {
      const mention = { from, to, procedure: value.id, ...(value.purpose ? { purpose: true } : {}) };
      return [{ mention, score: (value.weak ? 0 : SPECIFIC) + to - from, weak: !!value.weak }];
    }
    // Two different qualifiers ("đổi hay cấp lại") leave the family ambiguous.
    const ids = qualifiersOf(value.name);
    // Resolved, a family is as specific as a procedure's own alias: in "đổi chứng minh thư sang căn cước, có phải mang sổ
    // hộ khẩu không" the card is asked about and the household book is only a document (the earlier mention wins a tie).
    if (ids.size === 1) return [{ mention: { from, to, procedure: [...ids][0] }, score: value.hint ? -SPECIFIC : SPECIFIC + to - from, weak: !!value.hint }];
    if (value.hint) return [];
    return [{ mention: { from, to, group: value.name }, score: to - from, weak: false }];
  }

  /** Family pairs: both phrases within PAIR_WINDOW words name the family (at the first phrase's position). */
  private pairHits(words: readonly string[]): PhraseMatch<Alias>[] {
    const hits: PhraseMatch<Alias>[] = [];
    const at = (i: number, p: string[]) => p.every((w, k) => words[i + k] === w);
    for (const { group, a, b } of this.pairs) {
      for (let i = 0; i < words.length; i++) {
        if (!at(i, a)) continue;
        for (let j = Math.max(0, i - PAIR_WINDOW); j <= Math.min(words.length - 1, i + a.length + PAIR_WINDOW); j++) {
          if ((j + b.length <= i || j >= i + a.length) && at(j, b)) {
            hits.push({ from: i, to: i + 1, value: { kind: 'group', name: group } });
            break;
          }
        }
      }
    }
    return hits;
  }
}

const words = (phrase: string) => foldForMatch(phrase).split(/\s+/).filter(Boolean);
