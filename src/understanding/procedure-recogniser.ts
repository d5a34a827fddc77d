/** Finds which procedure a message is about from the alias lexicon, or only its family when the exact one is unclear. */
import { foldForMatch, normaliseText } from './normalise';
import { PhraseMatcher, type PhraseMatch } from './phrase-matcher';
import { ProcedureFamilies } from './procedure-families';
import type { ProcedureLexicon } from './resources';
import { TypedPhraseMatcher } from './typed-phrase-matcher';

type Alias = { kind: 'procedure'; id: string; weak?: boolean; purpose?: boolean } | { kind: 'group'; name: string; hint?: boolean; usual?: string };

/** What the recogniser found: the token range of the chosen mention and either a procedure id or a group name. */
export interface ProcedureMention {
  from: number;
  to: number;
  procedure?: string;
  group?: string;
  /** Named by a purpose alias ("mở khách sạn"): the parser drops it from a procedure_list answer. */
  purpose?: boolean;
  /** The family whose alias was resolved to `procedure` by a qualifier (used by the list rule). */
  family?: string;
  /**
   * Round 32: a family named by an alias that alone means one member ("đăng ký xe" is registering one), nothing qualifying
   * it: that member. The mention stays the family's (the intent model reads a family there); the parser names the member
   * when the question is no list and the procedure model picked none (see procedures.yaml `usual`).
   */
  usual?: string;
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
// "không đăng ký tạm trú ở đây được": the "được" of an inability comes at most this many words after the mention.
const UNABLE_WINDOW = 4;
// A specific procedure outranks any family mention, whatever their lengths.
const SPECIFIC = 100;
/** A family's mention its qualifiers resolved to one member: above any family, a shade below the member's own alias of that length. */
const qualifiedScore = (from: number, to: number) => SPECIFIC + to - from - 0.5;
// "tạm giữ bằng lái với giấy đăng ký xe": a mention starting at most this many words after a `held` word is a held paper.
const HELD_WINDOW = 4;
// Round 35: words allowed between a family's mention and a `held` word after it ("bằng lái xe của tôi bị giữ").
const HELD_AFTER_GAP = 3;
// A qualifier at most this many words after a procedure named outright is that procedure's ("hộ chiếu cho bé").
const ATTACHED_GAP = 1;
// The longest `finished` phrase, read right after a mention.
const FINISHED_WORDS = 3;
// Words allowed between a mention and its `finished` phrase ("cho cháu nội", "và khám sức khỏe").
const FINISHED_GAP = 4;
// Round 36: the longest `finished_then` phrase, in words.
const FINISHED_THEN_WORDS = 4;
// The longest `held_state` phrase, read right before a mention.
const HELD_STATE_WORDS = 2;
// The longest `place_heads` phrase ("thị trấn", "thành phố").
const PLACE_HEAD_WORDS = 2;
// Between mentions of the same rank, one inside the request beats one in the story, whatever their lengths.
const IN_REQUEST = 10;

/** Alias lexicon (data file plus content editors' aliases) with per-group qualifiers that pick one member. */
export class ProcedureRecogniser {
  // Issue 10, styles 16: a word every spelling of an alias writes without marks must be typed so ("thi" of "thi bằng lái":
  // folded, "thì bằng lái", then the licence…, is the test's alias); the others may carry any. Spellings of one alias
  // that fold alike are one alias; under another owner the first keeps it.
  // Round 36: but a word listed in the lexicon's `own_marks` must be typed with its own ("rơi" is no "rồi").
  private readonly aliases: TypedPhraseMatcher<Alias>;
  // Issue 10: an alias with one word spelt as it is said in the north or south ("tạm chú", "cư chú", "sang tê"), matched
  // only as the whole phrase and only with the respelt word typed with its marks (see soundVariants).
  private readonly spoken = new PhraseMatcher<{ words: string[]; at: number; typed: string }>();
  private readonly blocked = new PhraseMatcher<true>();
  private readonly blockedToned = new PhraseMatcher<true>((p) => normaliseText(p.toLowerCase()));
  // A phrase listed under several members ("bị gãy": a broken card is cấp lại by the 2023 law, cấp đổi to many citizens)
  // qualifies each of them; the citizen's other words decide (see recognise).
  // Typed as written: folded, "ui dời", "gãy đôi", "đợi" are all "đổi".
  private readonly qualifiers = new Map<string, TypedPhraseMatcher<string[]>>();
  private readonly pairs: { group: string; a: string[]; b: string[] }[] = [];
  private readonly procedurePairs: { id: string; first: PhraseMatcher<true>; second: PhraseMatcher<true> }[] = [];
  // Typed as written: folded, "vắng mặt" would be "vắng mất".
  private readonly refinements = new Map<string, TypedPhraseMatcher<string>>();
  // As typed, like the refinements: "mất báo" (lost, report) is no "mất bao" (takes how long).
  private readonly notRefining = new TypedPhraseMatcher<true>();
  private readonly settled = new PhraseMatcher<true>();
  // Each refinement's result and the procedure it came from ("trinh-bao-mat-ho-chieu" ← "ho-chieu").
  private readonly refinedFrom = new Map<string, string>();
  private readonly families: ProcedureFamilies;
  private readonly documents = new PhraseMatcher<true>();
  private readonly applied = new PhraseMatcher<true>();
  private readonly brought = new PhraseMatcher<true>();
  private readonly consequences = new PhraseMatcher<true>();
  private readonly residing = new PhraseMatcher<true>();
  private readonly residingBeforePlace = new PhraseMatcher<true>();
  private readonly placeHeads = new PhraseMatcher<true>();
  private readonly held = new PhraseMatcher<true>();
  private readonly others = new PhraseMatcher<true>();
  private readonly done = new PhraseMatcher<true>();
  private readonly finished = new PhraseMatcher<true>();
  private readonly finishedClosing = new TypedPhraseMatcher<true>();
  // Round 36: typed as written ("thì", then, is no "thi", a test, where typed with its marks).
  private readonly finishedThen = new TypedPhraseMatcher<true>();
  private readonly heldState = new PhraseMatcher<true>();
  private readonly negators = new PhraseMatcher<'negation' | 'contrast'>();
  private readonly conjunctions = new Set<string>();
  // Typed as written: "nói" is no "nổi".
  private readonly unable = new TypedPhraseMatcher<true>();

  /** `placeWords`: the units that open a place's name (cues.yaml's `places`), read with the lexicon's `place_heads`. */
  constructor(lexicon: ProcedureLexicon, placeWords: readonly string[], extraAliases: Record<string, string[]> = {}) {
    this.families = new ProcedureFamilies(lexicon.groups);
    this.aliases = new TypedPhraseMatcher<Alias>({ marked: 'any', toned: new Set(lexicon.own_marks.map((w) => normaliseText(w.toLowerCase()))) });
    // Specific procedures go in first so a phrase listed twice belongs to the procedure, not the group.
    for (const [id, list] of Object.entries(lexicon.procedures)) for (const a of list) this.aliases.add(a, { kind: 'procedure', id });
    // Weak aliases (a channel like "vneid", a hint like "phòng trọ") name a procedure only when nothing stronger is said. They
    // go in before the content's aliases, so a content alias "VNeID" does not make the channel strong again ("vneid sai dân
    // tộc" is correcting one's data, told where the error shows).
    for (const [id, list] of Object.entries(lexicon.weak)) for (const a of list) this.aliases.add(a, { kind: 'procedure', id, weak: true });
    // Content editors' aliases never override ambiguity: one that is (part of) a family alias ("thẻ căn cước",
    // "đăng ký xe") would silently pick one member where the bot must ask, so the family keeps it.
    const family = Object.values(lexicon.groups).flatMap((g) => g.aliases.map((a) => ` ${foldForMatch(a)} `));
    const insideFamily = (alias: string) => {
      const folded = ` ${foldForMatch(alias)} `;
      return family.some((f) => f.includes(folded));
    };
    for (const [id, list] of Object.entries(extraAliases)) {
      for (const a of list) if (foldForMatch(a) && !insideFamily(a)) this.aliases.add(a, { kind: 'procedure', id });
    }
    for (const [id, list] of Object.entries(lexicon.purpose)) for (const a of list) this.aliases.add(a, { kind: 'procedure', id, purpose: true });
    const phrases = [...Object.values(lexicon.procedures).flat(), ...Object.values(lexicon.groups).flatMap((g) => g.aliases)];
    const taken = new Set([...phrases, ...Object.values(lexicon.weak).flat()].map(foldForMatch));
    for (const a of phrases) {
      for (const v of soundVariants(a)) if (!taken.has(foldForMatch(v.phrase))) this.spoken.add(v.phrase, { words: foldForMatch(a).split(' '), at: v.at, typed: v.typed });
    }
    for (const [name, group] of Object.entries(lexicon.groups)) {
      const usual = new Map(Object.entries(group.usual).flatMap(([id, list]) => list.map((a) => [a, id] as const)));
      for (const a of group.aliases) this.aliases.add(a, { kind: 'group', name, ...(usual.has(a) ? { usual: usual.get(a) } : {}) });
      // Hints ("đổi thẻ", "cái thẻ") name the family only together with one of its qualifiers: alone, "thẻ" may be a bank card.
      for (const a of group.hints) this.aliases.add(a, { kind: 'group', name, hint: true });
      for (const [a, b] of group.pairs) this.pairs.push({ group: name, a: words(a), b: words(b) });
      // Every spelling of a qualifier counts ("đời chủ" and "đổi chủ" both qualify sang-ten-xe); its folded words name
      // every member that lists one of them.
      const owners = new Map<string, { spellings: string[]; ids: string[] }>();
      for (const [id, phrases] of Object.entries(group.qualifiers)) {
        for (const p of phrases) {
          const key = foldForMatch(p);
          const entry = owners.get(key) ?? { spellings: [], ids: [] };
          if (!entry.ids.includes(id)) entry.ids.push(id);
          if (!entry.spellings.includes(p)) entry.spellings.push(p);
          owners.set(key, entry);
        }
      }
      const q = new TypedPhraseMatcher<string[]>();
      for (const { spellings, ids } of owners.values()) for (const phrase of spellings) q.add(phrase, ids);
      this.qualifiers.set(name, q);
    }
    for (const [id, [first, second]] of Object.entries(lexicon.pairs)) {
      const pair = { id, first: new PhraseMatcher<true>(), second: new PhraseMatcher<true>() };
      for (const p of first) pair.first.add(p, true);
      for (const p of second) pair.second.add(p, true);
      this.procedurePairs.push(pair);
    }
    for (const [id, targets] of Object.entries(lexicon.refinements)) {
      const m = new TypedPhraseMatcher<string>();
      for (const [to, phrases] of Object.entries(targets)) for (const p of phrases) m.add(p, to);
      this.refinements.set(id, m);
      for (const to of Object.keys(targets)) this.refinedFrom.set(to, id);
    }
    for (const p of lexicon.not_refining) this.notRefining.add(p, true);
    for (const p of lexicon.settled) this.settled.add(p, true);
    for (const p of lexicon.blocked) this.blocked.add(p, true);
    for (const p of lexicon.blocked_toned) this.blockedToned.add(p, true);
    for (const p of lexicon.documents) this.documents.add(p, true);
    for (const p of lexicon.applied) this.applied.add(p, true);
    for (const p of lexicon.brought) this.brought.add(p, true);
    for (const p of lexicon.consequences) this.consequences.add(p, true);
    for (const p of lexicon.residing) this.residing.add(p, true);
    for (const p of lexicon.residing_before_place) this.residingBeforePlace.add(p, true);
    for (const p of [...placeWords, ...lexicon.place_heads]) this.placeHeads.add(p, true);
    for (const p of lexicon.held) this.held.add(p, true);
    for (const p of lexicon.others) this.others.add(p, true);
    for (const p of lexicon.done) this.done.add(p, true);
    for (const p of lexicon.finished) this.finished.add(p, true);
    for (const p of lexicon.finished_closing) this.finishedClosing.add(p, true);
    for (const p of lexicon.finished_then) this.finishedThen.add(p, true);
    for (const p of lexicon.held_state) this.heldState.add(p, true);
    // Contrast phrases go in first: "không phải" is longer than "không", so it is what matches before a mention.
    for (const p of lexicon.contrast) this.negators.add(p, 'contrast');
    for (const p of lexicon.negators) this.negators.add(p, 'negation');
    for (const p of lexicon.conjunctions) this.conjunctions.add(foldForMatch(p));
    for (const p of lexicon.unable) this.unable.add(p, true);
  }

  /** Words of every alias and qualifier (vocabulary for the spelling corrector). */
  words(): string[] {
    const pairs = this.procedurePairs.flatMap((p) => [p.first, p.second]);
    return [this.aliases, ...this.qualifiers.values(), ...pairs, ...this.refinements.values()].flatMap((m) => m.words());
  }

  /**
   * The best mention in the folded words: a specific procedure beats a family, longer beats shorter, earlier beats later.
   * Undefined when no alias occurs; an `abstain` mention when aliases occur but name nothing on purpose.
   */
  recognise(words: readonly string[], toned: readonly string[] = words, layout: Layout = {}): ProcedureMention | undefined {
    words = this.respelt(words, toned);
    // "sang tên sổ đỏ" (land) or "con dâu" (a daughter-in-law, not a seal): aliases inside these phrases name nothing.
    const blocks = [...this.blocked.matchAll(words), ...this.blockedToned.matchAll(toned)];
    // A hint is weaker still: touching a blocked phrase is enough ("mất thẻ ngân hàng" is no căn cước).
    const free = (m: PhraseMatch<Alias>) =>
      !blocks.some((b) => (m.value.kind === 'group' && m.value.hint ? b.from < m.to && m.from < b.to : b.from <= m.from && m.to <= b.to));
    const named = this.aliases.match(words, toned);
    const told = this.procedurePairHits(words);
    // A family alias that is a part of a pair is the pair's ("chứng minh nhân dân … ngân hàng không nhận" is the number's
    // confirmation, not the card); one named apart from it stays ("thẻ căn cước in sai ngày sinh" is the card's exchange).
    const absorbed = (m: PhraseMatch<Alias>) => m.value.kind === 'group' && told.some((t) => t.parts.some((p) => p.from < m.to && m.from < p.to));
    const matches = this.refined([...named, ...this.pairHits(words, named)].filter(free).filter((m) => !absorbed(m)), words, toned).concat(told);
    // Round 7: a qualifier right after another procedure named outright belongs to it, not to a family named elsewhere
    // ("có căn cước rồi ... làm hộ chiếu cho bé": "cho bé" is the passport's, so căn cước stays unresolved and loses).
    const outright = matches.filter((m) => m.value.kind === 'procedure' && !m.value.weak && !m.value.purpose);
    const spelled = outright.filter((m) => !told.some((t) => t === m));
    const attached = (q: { from: number }, id: string) =>
      outright.some((m) => m.value.kind === 'procedure' && m.value.id !== id && q.from >= m.to && q.from - m.to <= ATTACHED_GAP);
    // A procedure said to be done already ("thiết kế đã được thẩm duyệt") is no request: its qualifiers do not vote
    // when the family's qualifiers name something else too ("đưa vào sử dụng" is then the acceptance inspection).
    const done = this.done.matchAll(words);
    const contrasts = this.negators.matchAll(words).filter((n) => n.value === 'contrast');
    const doneIds = new Set(outright.flatMap((m) => (m.value.kind === 'procedure' && done.some((d) => d.to === m.from) ? [m.value.id] : [])));
    // Qualifiers are looked up once per family, not once per mention (a 200-word flood of one alias stays linear).
    const qualified = new Map<string, Set<string>>();
    const qualifiersOf = (group: string) => {
      let ids = qualified.get(group);
      if (!ids) {
        // A qualifier said not to be meant ("còn đổi được không hay phải sát hạch lại") does not vote either.
        // A bare verb inside another procedure's own alias is that alias's word ("đổi" in "đổi bằng lái" beside "căn cước";
        // a phrase keeps its meaning: "sai quê" in "sai quê quán" still says the card is wrong), and a qualifier typed with
        // other diacritics is another word: folded, "ui dời", "gãy đôi", "đợi" are all "đổi".
        // Round 36, second wave: nor does one read across punctuation ("ông cụ đã mất, giấy đăng ký xe máy đứng tên cụ":
        // folded, "mất giấy" is a lost paper, but the comma parts a death from the paper).
        const votes = (this.qualifiers.get(group)?.matchAll(words, toned) ?? [])
          .filter((q) => !contrasts.some((n) => n.to === q.from) && !(q.to - q.from === 1 && spelled.some((m) => m.from <= q.from && q.to <= m.to)))
          .filter((q) => !spansBreak(q, layout.breakAfter))
          .map((q) => q.value.filter((id) => !attached(q, id)))
          .filter((v) => v.length > 0);
        // Qualifiers that agree on one member name it ("bị gãy đôi" + "đổi": cấp đổi); otherwise each member voted for counts,
        // so two that disagree ("mất" + "hết hạn"), or one shared phrase alone ("bị gãy"), leave the family to ask about.
        const common = votes.length > 0 ? votes.reduce((a, b) => a.filter((id) => b.includes(id))) : [];
        ids = new Set(common.length === 1 ? common : votes.flat());
        const open = [...ids].filter((id) => !doneIds.has(id));
        if (open.length > 0 && open.length < ids.size) ids = new Set(open);
        qualified.set(group, ids);
      }
      return ids;
    };
    let resolved = matches.flatMap((m) => this.resolve(m, qualifiersOf));
    if (resolved.length === 0) return undefined;
    // Lists first: "hộ khẩu, tạm trú có những thủ tục gì" is the family even though "hộ khẩu" alone is also a document.
    // A procedure said to be done ("pccc đã được thẩm duyệt") or a paper held by the police is not an item of a list.
    // Issue 10: "có đăng ký tạm trú đầy đủ ... nay dự định đăng ký thường trú": the story names one procedure, the request another.
    const request = layout.request;
    const inRequest = (m: ProcedureMention) => request !== undefined && m.from >= request.from && m.to <= request.to;
    // Issue 10: nor is one said not to be meant ("không hỏi thi bằng lái, chỉ hỏi đổi bằng lái") or told as finished
    // ("xe đã sang tên xong, bằng lái thì hết hạn").
    let listable = resolved
      .filter((r) => !r.weak && !done.some((d) => d.to === r.mention.from) && !this.heldPaper(r.mention, words))
      .filter((r) => !contrasts.some((n) => n.to === r.mention.from) && !this.finishedAt(r.mention, words, layout.breakAfter, toned))
      .map((r) => r.mention);
    // Issue 10, letters: a list in the story ("đã làm phương án chữa cháy và được nghiệm thu") is no answer to a request
    // that names something else ("khai báo lưu trú qua mạng thì làm thế nào"): only the request's mentions may form a list then.
    if (listable.some(inRequest)) listable = listable.filter(inRequest);
    const listed = this.joinedFamily(listable, words, layout.breakAfter) ?? this.listedFamily(listable);
    if (listed) return listed;
    // Round 8: a request that names nothing ("xin phiếu đó mất bao lâu") points back into the story, where a paper
    // ("phiếu lý lịch tư pháp") may be what is asked for: it is a document only beside a procedure the request names.
    resolved = this.demoteContext(resolved, words, toned, qualifiersOf, !request || resolved.some((r) => inRequest(r.mention)), inRequest, layout.breakAfter, layout.asides);
    resolved = resolved.map((r) => (!r.weak && inRequest(r.mention) ? { ...r, score: r.score + IN_REQUEST } : r));
    // Round 8: when the request itself names something, the story's other procedures ("đã có căn cước và định danh ...
    // xin hỏi làm hộ chiếu") are context: they neither make an unrelated list nor leave a family without its answer.
    const asked = resolved.filter((r) => !r.weak && inRequest(r.mention));
    // A weak alias names its procedure only when nothing else is named, however long it is ("có tạm trú ở" beside "làm căn cước").
    const strongOnes = resolved.filter((r) => !r.weak);
    const pool = asked.length > 0 ? asked : strongOnes.length > 0 ? strongOnes : resolved;
    const strong = pool.filter((r) => !r.weak).map((r) => r.mention);
    // "nhà nghỉ mới mở: an ninh trật tự, lưu trú, phòng cháy" asks about everything at once: no one procedure is meant.
    if (this.families.spansUnrelated(strong, UNRELATED_FAMILIES)) return ABSTAIN;
    // Issue 10, letters: a request that names nothing ("Xin hỏi cần giấy tờ gì?") is about where the story arrived
    // ("đã đăng ký tạm trú ... Nay muốn chuyển hẳn hộ khẩu"): of two mentions that tie, the later one wins.
    const later = request !== undefined && asked.length === 0;
    // The request's own mention wins ("hộ chiếu xong rồi, còn căn cước thì bao lâu" asks about căn cước), unless it is a
    // family the story names a member of: "làm lại căn cước ... cho em hỏi có làm căn cước sáng thứ bảy không" is cấp lại.
    const pick = (from: Resolved[]) => from.reduce((a, b) => (b.score > a.score || (later && b.score === a.score && b.mention.from > a.mention.from) ? b : a));
    const requested = pick(pool);
    const member = requested.mention.group ? resolved.filter((r) => !r.weak && r.mention.procedure && this.families.holds(requested.mention.group!, r.mention.procedure)) : [];
    const best = member.length > 0 ? pick(member) : requested;
    if (best.mention.group) {
      // Two unrelated families ("cư trú với căn cước") leave nothing to ask about one of them: no group is named.
      const others = pool.flatMap((r) => (r.mention.group && r.mention.group !== best.mention.group ? [r.mention.group] : []));
      if (others.some((g) => this.families.disjoint(g, best.mention.group ?? ''))) return ABSTAIN;
    }
    // Round 35: a family's usual member stands for the family named alone, not for a paper the police hold or took
    // ("bị giữ bằng lái … lấy lại thế nào", "bằng lái bị giữ vì vượt đèn đỏ"): that story asks about the fine or the points, so the bot asks.
    if (best.mention.usual && (this.heldPaper(best.mention, words) || this.heldAfter(best.mention, words))) {
      const { usual: _held, ...family } = best.mention;
      return family;
    }
    return best.mention;
  }

  /**
   * Round 31 (issue 10): the family a list question answers when the lexicon named the member `procedure`: the narrowest
   * family holding it, unless the words name by a family alias another family that does not hold it ("kể giúp tôi các thủ
   * tục cư trú và hộ chiếu": two families asked, no one of them is the list). See the parser's list rule.
   * Round 36: a wider family named by its alias is the one asked ("bằng lái, đăng ký xe, phạt nguội … liệt kê giúp các thủ
   * tục về giao thông": the traffic family, which holds the licence's and the vehicle's families named with it).
   */
  listFamily(words: readonly string[], toned: readonly string[], procedure: string): string | undefined {
    const named = this.aliases.match(this.respelt(words, toned), toned).flatMap((m) => (m.value.kind === 'group' && !m.value.hint ? [m.value.name] : []));
    const widest = named.reduce<string | undefined>((w, g) => (w === undefined || this.families.membersOf(g).length > this.families.membersOf(w).length ? g : w), undefined);
    if (widest && this.families.holds(widest, procedure) && named.every((g) => this.families.membersOf(g).every((id) => this.families.holds(widest, id)))) return widest;
    return named.every((g) => this.families.holds(g, procedure)) ? this.families.smallestHolding(procedure) : undefined;
  }

  /**
   * The words with each alias said as it sounds ("lưu chú", "sang tê") written as the alias: only the whole phrase, only
   * where the respelt word was typed with its marks ("cũ chủ" is no "cư chú", "tam chu" stays), and never over a real alias.
   */
  private respelt(words: readonly string[], toned: readonly string[]): readonly string[] {
    let out: string[] | undefined;
    let real: PhraseMatch<Alias>[] | undefined;
    for (const m of this.spoken.match(words)) {
      const v = m.value;
      if (toned[m.from + v.at] !== v.typed) continue;
      real ??= this.aliases.matchAll(words);
      if (real.some((a) => a.from < m.to && m.from < a.to && a.to - a.from >= m.to - m.from)) continue;
      out ??= [...words];
      out.splice(m.from, v.words.length, ...v.words);
    }
    return out ?? words;
  }

  /**
   * Mentions that are context rather than the request, when something else is named: a document to bring ("có phải
   * mang sổ hộ khẩu không" next to "đổi thẻ"), a negated one ("không phải làm lại căn cước mà là ...", "không đăng ký
   * tạm trú được"). They become weak: still named when nothing else is. (A bare "rồi" after a mention was tried as
   * "already done" and dropped: "bấm biển số xong bao lâu có cà vẹt", "đã có hộ chiếu rồi, giờ làm cho bé" ask about it;
   * round 34 reads only one that closes the mention's clause, and not after a paper held or lost: see finishedAt.)
   */
  private demoteContext(resolved: Resolved[], words: readonly string[], toned: readonly string[], qualifiersOf: (group: string) => Set<string>, documents = true, inRequest: (m: ProcedureMention) => boolean = () => false, breakAfter?: (i: number) => boolean, asides: readonly { from: number; to: number }[] = []): Resolved[] {
    // Round 8: another party's step ("người mua sẽ tự đi sang tên") whose family's qualifiers name one other member
    // ("tôi là người bán") is that member: the citizen asks about their own step, the story told the other's.
    const own = new Set<Resolved>();
    resolved = resolved.map((r) => {
      const id = r.mention.procedure;
      const family = id && this.after(this.others, r.mention, words) ? this.families.smallestHolding(id) : undefined;
      const ids = family ? [...qualifiersOf(family)].filter((q) => q !== id) : [];
      if (ids.length !== 1) return r;
      const step = { ...r, mention: { from: r.mention.from, to: r.mention.to, procedure: ids[0], family } };
      own.add(step);
      return step;
    });
    const docs = documents ? this.documents.matchAll(words) : [];
    // Round 27: a penalty told as a consequence ("ai không đổi sẽ bị phạt") is context wherever it stands, the request included.
    const penalties = this.consequences.matchAll(words);
    const isConsequence = (m: ProcedureMention) => penalties.some((d) => d.from <= m.from && m.to <= d.to);
    const negs = this.negators.matchAll(words);
    // A plain "không" before a mention is often a condition ("không đăng ký tạm trú thì có bị phạt không": still about
    // tạm trú); it is context only as "không X được" (could not do X, so the question is about something else).
    const negated = (m: ProcedureMention) =>
      negs.some((n) => n.to === m.from && (n.value === 'contrast' || this.unable.matchAll(words, toned, m.to, Math.min(words.length, m.to + UNABLE_WINDOW)).length > 0));
    const contrasted = (m: ProcedureMention) => negs.some((n) => n.to === m.from && n.value === 'contrast');
    // A paper the police hold ("bị tạm giữ bằng lái với giấy đăng ký xe, nộp phạt xong bao lâu được trả") is the story.
    const dones = this.done.matchAll(words);
    const doneAt = (m: ProcedureMention) => m.procedure !== undefined && m.family === undefined && (dones.some((d) => d.to === m.from) || this.finishedAt(m, words, breakAfter, toned));
    // Round 36: a procedure told finished is finished where its clause named it before ("sửa ngày sinh trên dữ liệu dân cư
    // xong": both aliases name the correction, "xong" closes the second); not where it is named again after ("xin lý lịch
    // tư pháp xong mới làm hộ chiếu được, vậy lý lịch tư pháp mất bao lâu" asks about it), nor in an earlier clause.
    // Only a `finished` word ("xong"): a closing "rồi" may follow a paper lost ("mất giấy chứng nhận huấn luyện cũ rồi").
    const finishedAt = resolved.filter((r) => r.mention.procedure !== undefined && r.mention.family === undefined && this.finishedAt(r.mention, words, breakAfter, toned, false)).map((r) => r.mention);
    const isDone = (m: ProcedureMention) =>
      doneAt(m) || (m.procedure !== undefined && m.family === undefined && finishedAt.some((f) => f.procedure === m.procedure && f.from >= m.to && !spansBreak({ from: m.to - 1, to: f.from + 1 }, breakAfter)));
    // Issue 10: a paper is a document to bring only beside a procedure the request asks about; one the request itself
    // applies for ("… đã đổi căn cước. Xin hỏi nộp hồ sơ cấp phiếu lý lịch tư pháp ở đâu?") is the request.
    // Round 31: nor is one applied for, the paper's name right after an `applied` word ("xin phiếu lý lịch tư pháp … để đi
    // xuất khẩu lao động").
    const applied = documents ? this.applied.matchAll(words) : [];
    const isDocument = (m: ProcedureMention) => {
      const holding = docs.filter((d) => d.from <= m.from && m.to <= d.to);
      return holding.length > 0 && !holding.some((d) => applied.some((a) => a.to === d.from));
    };
    // Round 36: a paper brought, or all that is left ("có cần mang sổ hộ khẩu không", "tôi chỉ còn cái sổ hộ khẩu cũ"), is a
    // document to bring even in the sentence that asks: the request is the procedure the story named.
    const broughtAt = documents ? this.brought.matchAll(words) : [];
    const brought = (m: ProcedureMention) => docs.some((d) => d.from <= m.from && m.to <= d.to && broughtAt.some((b) => b.to === d.from));
    const asked = (m: ProcedureMention) => inRequest(m) && !brought(m) && !resolved.some((o) => o.mention !== m && inRequest(o.mention) && !isDocument(o.mention));
    // Issue 10: where the writer lives ("thường trú tại phường X") is who they are, not what they ask.
    // Round 35: and where a status runs straight into a place, without "ở" or "tại" ("hộ khẩu thường trú xã Ba Bể").
    const residing = [...this.residing.matchAll(words), ...this.residingBeforePlace.matchAll(words).filter((d) => this.placeAt(words, d.to))];
    const isResidence = (m: ProcedureMention) => residing.some((d) => d.from <= m.from && m.to <= d.to);
    // Round 35: a paper is a document to bring only beside a procedure named outright or by its family: beside nothing but
    // a weak alias (a purpose or a channel: "cần phiếu lý lịch tư pháp số 2 để đi xuất khẩu lao động") it is what is asked,
    // and going abroad is why.
    const requestBesides = (r: Resolved) => resolved.some((o) => o !== r && (!o.weak || o.mention.family !== undefined));
    // Round 35: a lesser ask added after the request ("Ngoài ra …", "Cho hỏi thêm …") names its own procedure as a side question.
    const isAside = (m: ProcedureMention) => asides.some((a) => a.from <= m.from && m.to <= a.to);
    const isContext = resolved.map((r) => !own.has(r) && (negated(r.mention) || this.heldPaper(r.mention, words) || isDone(r.mention) || isResidence(r.mention) || isConsequence(r.mention) || isAside(r.mention) || (isDocument(r.mention) && !asked(r.mention) && requestBesides(r))));
    if (isContext.every(Boolean)) {
      // Only members said not to be meant ("không phải làm lại căn cước mà là ..."): the family is asked about. A plain
      // "không" is no such statement: "không đăng ký tạm trú thì có bị phạt không" is still about tạm trú.
      if (!resolved.every((r) => contrasted(r.mention) && r.mention.procedure)) return resolved;
      // Round 32: unless the family's own qualifiers name one member besides those denied, as another party's step above
      // ("ko phải tạm trú nha, nhà em cho khách thuê homestay thì báo sao" is lưu trú).
      const denied = new Set(resolved.flatMap((r) => (r.mention.family ? [] : [r.mention.procedure])));
      return resolved.map((r) => {
        const group = this.families.smallestHolding(r.mention.procedure ?? '');
        if (!group) return r;
        const { from, to } = r.mention;
        let ids = [...qualifiersOf(group)].filter((id) => !denied.has(id));
        // Round 35: and a family left with one member once those denied are set aside is that member ("không phải mất, hộ
        // chiếu tôi chỉ hết hạn": of the passport's two procedures, the passport itself).
        if (ids.length === 0) ids = this.families.membersOf(group).filter((id) => !denied.has(id));
        if (ids.length === 1) return { ...r, mention: { from, to, procedure: ids[0], family: group }, score: r.weak ? r.score : qualifiedScore(from, to) };
        return { ...r, mention: { from, to, group }, score: to - from };
      });
    }
    // Only when something else (even a hint like "đổi thẻ") is left to be the request.
    if (!isContext.some(Boolean)) return resolved;
    return resolved.map((r, i) => (isContext[i] ? { ...r, weak: true, score: r.score - 3 * SPECIFIC } : r));
  }

  /**
   * Whether a mention starts just after a `held` word ("tạm giữ bằng lái với giấy đăng ký xe") or an `others` phrase
   * ("người mua sẽ tự đi đăng ký sang tên": someone else's step, so the seller asks about something else).
   */
  private heldPaper(m: ProcedureMention, words: readonly string[]): boolean {
    return this.after(this.held, m, words) || this.after(this.others, m, words);
  }

  /** Round 35: whether a `held` word follows a mention closely ("bằng lái xe của tôi bị giữ vì vượt đèn đỏ"). */
  private heldAfter(m: ProcedureMention, words: readonly string[]): boolean {
    return this.held.matchAll(words.slice(m.to, m.to + HELD_WINDOW)).some((h) => h.from <= HELD_AFTER_GAP);
  }

  /**
   * Whether a mention is told as finished right after it ("sang tên xe xong thì có phải thu hồi biển không"), or, a few
   * words on, at the end of its clause (round 27: "vừa đăng ký thường trú cho cháu nội xong, giờ …", "đã làm hộ chiếu và
   * khám sức khỏe xong xuôi."): at most FINISHED_GAP words between. Not a step asked after ("nộp phạt qua mạng xong bao
   * lâu được trả lại"), whose clause goes on.
   */
  private finishedAt(m: ProcedureMention, words: readonly string[], breakAfter: (i: number) => boolean = () => false, toned: readonly string[] = words, closing = true): boolean {
    const end = Math.min(words.length, m.to + FINISHED_GAP + FINISHED_WORDS);
    // Round 36: or where a clause asking what must be done next opens right after it ("đăng ký thường trú chỗ mới xong thì
    // có phải đổi căn cước"): `finished_then` after a `finished` word.
    const then = (to: number) => this.finishedThen.matchAll(words, toned, to, Math.min(words.length, to + FINISHED_THEN_WORDS)).some((t) => t.from === 0);
    const closes = (to: number) => to >= words.length || breakAfter(to - 1);
    // Round 34: a `finished_closing` word ("rồi") only where it closes the clause, at most FINISHED_GAP words on.
    // Not a paper held or lost ("có giấy chứng nhận an ninh trật tự rồi", "làm mất bằng lái xe rồi"): a `held_state`
    // phrase ends right before the mention or opens it (an alias may hold the loss: "mất bằng lái").
    const from = Math.max(0, m.from - HELD_STATE_WORDS);
    const held = () => this.heldState.matchAll(words.slice(from, m.from + HELD_STATE_WORDS)).some((h) => from + h.to === m.from || from + h.from === m.from);
    if (closing && this.finishedClosing.matchAll(words, toned, m.to, end).some((f) => f.from <= FINISHED_GAP && closes(m.to + f.to)) && !held()) return true;
    return this.finished.match(words.slice(m.to, end))
      .some((f) => f.from === 0 || (f.from <= FINISHED_GAP && (closes(m.to + f.to) || then(m.to + f.to))));
  }

  /** Round 35: whether a place's name opens at word `at` ("xã", "phường" …: `place_heads`). */
  private placeAt(words: readonly string[], at: number): boolean {
    return at < words.length && this.placeHeads.matchAll(words.slice(at, at + PLACE_HEAD_WORDS)).some((p) => p.from === 0);
  }

  /** Whether a mention starts at most HELD_WINDOW words after one of `cues`. */
  private after(cues: PhraseMatcher<true>, m: ProcedureMention, words: readonly string[]): boolean {
    const from = Math.max(0, m.from - HELD_WINDOW - 3);
    return cues.matchAll(words.slice(from, m.from)).some((h) => m.from - (from + h.to) <= HELD_WINDOW);
  }

  /**
   * A family and one of its own members joined as a list ("an ninh trật tự, con dấu có gì"; "căn cước và định danh")
   * name the family; joined by anything else ("thủ tục giao thông về đăng ký xe", "căn cước cấp đổi") the member.
   */
  private joinedFamily(mentions: ProcedureMention[], words: readonly string[], breakAfter: (i: number) => boolean = () => false): ProcedureMention | undefined {
    // Every pair that touches (a pair hit may overlap a longer alias, so neighbours in sorted order are not enough);
    // indexed by where mentions end, so a flood of aliases stays linear.
    const byEnd = new Map<number, ProcedureMention[]>();
    for (const m of mentions) byEnd.set(m.to, [...(byEnd.get(m.to) ?? []), m]);
    for (const b of mentions) for (const a of [...(byEnd.get(b.from) ?? []), ...(byEnd.get(b.from - 1) ?? [])]) {
      const gap = words.slice(a.to, b.from);
      const joined = (gap.length === 0 && breakAfter(a.to - 1)) || (gap.length === 1 && this.conjunctions.has(gap[0]));
      if (!joined) continue;
      for (const [fam, other] of [[a, b], [b, a]]) {
        const name = fam.group ?? fam.family;
        if (name && other.procedure && this.families.holds(name, other.procedure)) return { from: a.from, to: a.to, group: name };
      }
    }
    return undefined;
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
  private resolve(m: PhraseMatch<Alias>, qualifiersOf: (group: string) => Set<string>): Resolved[] {
    const { from, to, value } = m;
    if (value.kind === 'procedure') {
      const mention = { from, to, procedure: value.id, ...(value.purpose ? { purpose: true } : {}) };
      // A purpose ("kinh doanh nhà nghỉ") only suggests a procedure: one named outright ("báo lưu trú") outranks it.
      return [{ mention, score: (value.weak ? 0 : value.purpose ? SPECIFIC / 2 : SPECIFIC) + to - from, weak: !!value.weak }];
    }
    // Two different qualifiers ("đổi hay cấp lại") leave the family ambiguous.
    const ids = qualifiersOf(value.name);
    // Resolved, a family is as specific as a procedure's own alias: in "đổi chứng minh thư sang căn cước, có phải mang sổ
    // hộ khẩu không" the card is asked about and the household book is only a document (the earlier mention wins a tie).
    if (ids.size === 1) return [{ mention: { from, to, procedure: [...ids][0], family: value.name }, score: value.hint ? -SPECIFIC : qualifiedScore(from, to), weak: !!value.hint }];
    if (value.hint) return [];
    // Qualifiers that disagree ("mất" + "hết hạn") leave the family to ask about; none at all leave its usual member.
    const usual = ids.size === 0 && value.usual ? { usual: value.usual } : {};
    return [{ mention: { from, to, group: value.name, ...usual }, score: to - from, weak: false }];
  }

  /**
   * Issue 10: a procedure named together with a word that makes it another ("hộ chiếu bị móc túi mất" is reporting the
   * loss, not applying for a passport). The word does not count when negated ("không mất hộ chiếu, chỉ hết hạn"), when it
   * means something else ("mất bao lâu"), or when it belongs to another mention it follows or is part of ("căn cước bị mất").
   */
  private refined(matches: PhraseMatch<Alias>[], words: readonly string[], toned: readonly string[]): PhraseMatch<Alias>[] {
    const refinable = (m: PhraseMatch<Alias>) => m.value.kind === 'procedure' && (this.refinements.has(m.value.id) || this.refinedFrom.has(m.value.id));
    if (!matches.some(refinable)) return matches;
    const notRefining = this.notRefining.matchAll(words, toned);
    // A loss told as reported already ("bị trộm mất hộ chiếu, đã báo rồi, giờ làm mới cần gì") is the story: what is asked
    // after it is the paper itself, whether the loss was told by a refining word or by the report's own alias.
    const settled = this.settled.matchAll(words);
    const negs = this.negators.matchAll(words);
    return matches.map((m) => {
      const v = m.value;
      const source = v.kind === 'procedure' ? this.refinedFrom.get(v.id) : undefined;
      if (source && v.kind === 'procedure') {
        // ...and so does one the citizen denies, when the alias opens with the refining word ("em không mất hộ chiếu, chỉ hết
        // hạn"); "không báo mất hộ chiếu thì bị phạt không" still asks about the report.
        const opensWithLoss = this.refinements.get(source)?.matchAll(words).some((q) => q.from === m.from) ?? false;
        const denied = opensWithLoss && negs.some((n) => n.value === 'negation' && n.to === m.from);
        if (denied || settled.some((n) => n.from >= m.to)) return { ...m, value: { ...v, id: source } };
      }
      const refiner = v.kind === 'procedure' ? this.refinements.get(v.id) : undefined;
      if (!refiner || v.kind !== 'procedure') return m;
      // A word inside another alias ("báo mất hộ chiếu", told as done) is that alias's own: "giờ làm hộ chiếu mới" stays.
      const to = refiner.matchAll(words, toned).find((q) =>
        !notRefining.some((n) => n.from < q.to && q.from < n.to) &&
        !settled.some((n) => n.from >= q.to) &&
        // Round 35: a denial ("không phải bị mất đâu, hộ chiếu … hết hạn") says it as plainly as a negation.
        !negs.some((n) => n.to === q.from || n.to === q.from - 1) &&
        !matches.some((o) => o !== m && (o.to === q.from || o.to === q.from - 1 || (o.from <= q.from && q.from < o.to))));
      return to ? { ...m, value: { ...v, id: to.value } } : m;
    });
  }

  /**
   * Procedures told by two parts within PAIR_WINDOW words ("ngày sinh trên app bị sai"), at the first part's first word
   * like a family pair: a procedure or a resolved family named outright outranks it.
   */
  private procedurePairHits(words: readonly string[]): (PhraseMatch<Alias> & { parts: PhraseMatch<true>[] })[] {
    const hits: (PhraseMatch<Alias> & { parts: PhraseMatch<true>[] })[] = [];
    for (const { id, first, second } of this.procedurePairs) {
      const firsts = first.matchAll(words);
      if (firsts.length === 0) continue;
      const seconds = second.matchAll(words);
      for (const a of firsts) {
        const b = seconds.find((s) => (s.from >= a.to && s.from - a.to <= PAIR_WINDOW) || (s.to <= a.from && a.from - s.to <= PAIR_WINDOW));
        if (b) {
          // Round 36, second wave: as specific as its shorter part ("số cũ" + "giấy xác nhận": two words, above a family
          // resolved by one qualifier, "căn cước … 12 số"), never as its longer ("dùng điện thoại khi lái" + "phạt": one).
          hits.push({ from: a.from, to: a.from + Math.min(a.to - a.from, b.to - b.from), value: { kind: 'procedure', id }, parts: [a, b] });
          break;
        }
      }
    }
    return hits;
  }

  /**
   * Family pairs: both phrases within PAIR_WINDOW words name the family (at the first phrase's position). A phrase inside
   * an alias found is that alias's word: in "thi bằng lái xe máy thì đăng ký ở đâu" the "xe máy" is the licence's.
   */
  private pairHits(words: readonly string[], named: readonly PhraseMatch<Alias>[]): PhraseMatch<Alias>[] {
    const hits: PhraseMatch<Alias>[] = [];
    const inside = (i: number) => named.some((m) => m.from <= i && i < m.to);
    // A loop, not `every` with a closure: this runs for every pair at every word of every message.
    const at = (i: number, p: readonly string[]) => {
      if (i + p.length > words.length) return false;
      for (let k = 0; k < p.length; k++) if (words[i + k] !== p[k]) return false;
      return !inside(i);
    };
    // Most pairs cannot match at all: the first word of one of their phrases is not in the message.
    const present = new Set(words);
    const absent = (p: readonly string[]) => p.length > 0 && !present.has(p[0]);
    for (const { group, a, b } of this.pairs) {
      if (absent(a) || absent(b)) continue;
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

type Resolved = { mention: ProcedureMention; score: number; weak: boolean };

/** Where the message's punctuation is. */
export interface Layout {
  /** Whether punctuation (a comma, a full stop...) follows word i. */
  breakAfter?: (i: number) => boolean;
  /** Words [from, to) of the request in a longer message (the sentence that asks, or what follows "giờ muốn ..."). */
  request?: { from: number; to: number };
  /**
   * Round 35: words [from, to) of the sentences after the request that add a lesser ask ("Ngoài ra, công ty có cần xin
   * giấy đủ điều kiện an ninh trật tự không?"): their mentions are context when something else is named.
   */
  asides?: readonly { from: number; to: number }[];
}

const words = (phrase: string) => foldForMatch(phrase).split(/\s+/).filter(Boolean);

/** Whether punctuation falls inside the words [from, to) of a phrase matched. */
const spansBreak = (m: { from: number; to: number }, breakAfter?: (i: number) => boolean) => {
  if (!breakAfter) return false;
  for (let i = m.from; i < m.to - 1; i++) if (breakAfter(i)) return true;
  return false;
};

// Issue 10: consonants merged in speech, so written as said: tr/ch, s/x, r/d/gi (the south says all three alike), l/n.
const MERGED_ONSETS: Readonly<Record<string, readonly string[]>> = { tr: ['ch'], ch: ['tr'], s: ['x'], x: ['s'], r: ['d', 'gi'], d: ['r', 'gi'], gi: ['d', 'r'], l: ['n'], n: ['l'] };
// Finals the south merges (n/ng, t/c) or drops ("sang tê" for "sang tên").
const MERGED_FINALS: Readonly<Record<string, readonly string[]>> = { ng: ['n', ''], nh: ['n'], n: ['ng', ''], t: ['c'], c: ['t'] };
// Round 14: a rhyme of the one vowel i is spelt i or y alike after a consonant ("lí lịch" for "lý lịch", "kĩ" for "kỹ").
const SPELT_ALIKE: Readonly<Record<string, string>> = { y: 'i', ý: 'í', ỳ: 'ì', ỷ: 'ỉ', ỹ: 'ĩ', ỵ: 'ị', i: 'y', í: 'ý', ì: 'ỳ', ỉ: 'ỷ', ĩ: 'ỹ', ị: 'ỵ' };
const ONSET = /^(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?/;
const FINAL = /(ng|nh|ch|[cmnpt])$/;

/**
 * Each Vietnamese alias of two words or more with one word respelt as it sounds ("tạm trú" → "tạm chú", "sang tên" →
 * "sang tê", "lý lịch" → "lí lịch"): the phrase, the respelt word's index and the word as typed with its marks. One change per phrase: two would
 * make distant words ("cũ chủ") look like a procedure.
 */
export function soundVariants(alias: string): { phrase: string; at: number; typed: string }[] {
  const typed = normaliseText(alias.toLowerCase()).split(/\s+/);
  if (typed.length < 2 || foldForMatch(alias) === normaliseText(alias.toLowerCase())) return [];
  const out: { phrase: string; at: number; typed: string }[] = [];
  typed.forEach((word, at) => {
    const onset = ONSET.exec(word)?.[0] ?? '';
    const rest = word.slice(onset.length);
    const final = onset === '' && rest === '' ? '' : (FINAL.exec(rest)?.[0] ?? '');
    const respelt = [
      ...(MERGED_ONSETS[onset] ?? []).map((o) => o + rest),
      ...(rest.length > final.length ? (MERGED_FINALS[final] ?? []).map((f) => onset + rest.slice(0, rest.length - final.length) + f) : []),
      ...(onset && SPELT_ALIKE[rest] ? [onset + SPELT_ALIKE[rest]] : []),
    ];
    for (const r of respelt.map(normaliseText)) if (r !== word) out.push({ phrase: [...typed.slice(0, at), r, ...typed.slice(at + 1)].join(' '), at, typed: r });
  });
  return out;
}
