/** Finds which procedure a message is about from the alias lexicon, or only its family when the exact one is unclear. */
import { foldForMatch } from './normalise';
import { PhraseMatcher } from './phrase-matcher';
import type { ProcedureLexicon } from './resources';

type Alias = { kind: 'procedure'; id: string; weak?: boolean } | { kind: 'group'; name: string };

/** What the recogniser found: the token range of the chosen mention and either a procedure id or a group name. */
export interface ProcedureMention {
  from: number;
  to: number;
  procedure?: string;
  group?: string;
}

/** Alias lexicon (data file plus content editors' aliases) with per-group qualifiers that pick one member. */
export class ProcedureRecogniser {
  private readonly aliases = new PhraseMatcher<Alias>();
  private readonly qualifiers = new Map<string, PhraseMatcher<string>>();
  private readonly members = new Map<string, Set<string>>();

  constructor(lexicon: ProcedureLexicon, extraAliases: Record<string, string[]> = {}) {
    // Specific procedures go in first so a phrase listed twice belongs to the procedure, not the group.
    for (const [id, list] of Object.entries(lexicon.procedures)) for (const a of list) this.aliases.add(a, { kind: 'procedure', id });
    // Content editors' aliases never override ambiguity: one that is (part of) a family alias ("thẻ căn cước",
    // "đăng ký xe") would silently pick one member where the bot must ask, so the family keeps it.
    const family = Object.values(lexicon.groups).flatMap((g) => g.aliases.map((a) => ` ${foldForMatch(a)} `));
    const insideFamily = (alias: string) => family.some((f) => f.includes(` ${foldForMatch(alias)} `));
    for (const [id, list] of Object.entries(extraAliases)) {
      for (const a of list) if (foldForMatch(a) && !insideFamily(a)) this.aliases.add(a, { kind: 'procedure', id });
    }
    // Weak aliases (a channel like "vneid", a hint like "phòng trọ") name a procedure only when nothing stronger is said.
    for (const [id, list] of Object.entries(lexicon.weak)) for (const a of list) this.aliases.add(a, { kind: 'procedure', id, weak: true });
    for (const [name, group] of Object.entries(lexicon.groups)) {
      this.members.set(name, new Set(group.members));
      for (const a of group.aliases) this.aliases.add(a, { kind: 'group', name });
      const q = new PhraseMatcher<string>();
      for (const [id, phrases] of Object.entries(group.qualifiers)) for (const p of phrases) q.add(p, id);
      this.qualifiers.set(name, q);
    }
  }

  /** True when two groups share no member ("xe" sits inside "giao-thong", so those two are not disjoint). */
  private disjoint(a: string, b: string): boolean {
    const other = this.members.get(b) ?? new Set<string>();
    return ![...(this.members.get(a) ?? [])].some((m) => other.has(m));
  }

  /** Words of every alias and qualifier (vocabulary for the spelling corrector). */
  words(): string[] {
    return [this.aliases, ...this.qualifiers.values()].flatMap((m) => m.words());
  }

  /** The best mention in the folded words: a specific procedure beats a family, longer beats shorter, earlier beats later. */
  recognise(words: readonly string[]): ProcedureMention | undefined {
    const matches = this.aliases.match(words);
    if (matches.length === 0) return undefined;
    const score = (m: (typeof matches)[number]) => (m.value.kind === 'procedure' && !m.value.weak ? 100 : 0) + (m.to - m.from);
    const best = matches.reduce((a, b) => (score(b) > score(a) ? b : a));
    const { from, to, value } = best;
    if (value.kind === 'procedure') return { from, to, procedure: value.id };
    // Two unrelated families ("cư trú với căn cước") leave nothing to ask about one of them: no group is named.
    const families = new Set(matches.flatMap((m) => (m.value.kind === 'group' ? [m.value.name] : [])));
    for (const other of families) if (other !== value.name && this.disjoint(other, value.name)) return undefined;
    // A family alias ("căn cước") plus a qualifier anywhere ("bị mất") names one member; two different qualifiers stay ambiguous.
    const ids = new Set((this.qualifiers.get(value.name)?.matchAll(words) ?? []).map((q) => q.value));
    if (ids.size === 1) return { from, to, procedure: [...ids][0] };
    return { from, to, group: value.name };
  }
}
