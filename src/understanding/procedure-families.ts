/** Membership of procedure families (groups): which are unrelated, and which one family covers several mentions. */
import type { ProcedureLexicon } from './resources';

/** A mention reduced to what it names: one procedure id or one family. */
export interface Named {
  procedure?: string;
  group?: string;
}

/** The groups of procedures.yaml as sets of member ids. */
export class ProcedureFamilies {
  private readonly members = new Map<string, Set<string>>();

  constructor(groups: ProcedureLexicon['groups']) {
    for (const [name, g] of Object.entries(groups)) this.members.set(name, new Set(g.members));
  }

  /** True when two groups share no member ("xe" sits inside "giao-thong", so those two are not disjoint). */
  disjoint(a: string, b: string): boolean {
    const other = this.members.get(b) ?? new Set<string>();
    return ![...(this.members.get(a) ?? [])].some((m) => other.has(m));
  }

  /**
   * The smallest family that holds two or more different things named ("con dấu" and "kinh doanh có điều kiện" → antt;
   * "biển số" and "nộp phạt" → giao-thong), or undefined. A family named next to one of its own members, or next to a
   * narrower family inside it, adds nothing: "thủ tục giao thông về đăng ký xe" is still the xe family.
   */
  commonFamily(named: readonly Named[]): string | undefined {
    const ids = new Set(named.flatMap((n) => (n.procedure ? [n.procedure] : [])));
    let groups = [...new Set(named.flatMap((n) => (n.group ? [n.group] : [])))];
    groups = groups.filter((g) => ![...ids].some((id) => this.members.get(g)?.has(id)));
    groups = groups.filter((g) => !groups.some((h) => h !== g && this.inside(h, g)));
    if (ids.size + groups.length < 2) return undefined;
    const needed = new Set([...ids, ...groups.flatMap((g) => [...(this.members.get(g) ?? [])])]);
    let best: string | undefined;
    for (const [name, set] of this.members) {
      if (![...needed].every((m) => set.has(m))) continue;
      if (!best || set.size < (this.members.get(best)?.size ?? 0)) best = name;
    }
    return best;
  }

  /** The members of the family `group` (none for an unknown family). */
  membersOf(group: string): string[] {
    return [...(this.members.get(group) ?? [])];
  }

  /** Whether `id` is a member of the family `group`. */
  holds(group: string, id: string): boolean {
    return this.members.get(group)?.has(id) ?? false;
  }

  // Whether every member of `inner` is a member of `outer`.
  private inside(inner: string, outer: string): boolean {
    const o = this.members.get(outer);
    return !!o && [...(this.members.get(inner) ?? [])].every((m) => o.has(m));
  }

  /** Whether the things named span at least `n` families that share no member ("an ninh trật tự, lưu trú, phòng cháy"). */
  spansUnrelated(named: readonly Named[], n: number): boolean {
    const families = [...new Set(named.flatMap((x) => (x.group ? [x.group] : x.procedure ? [this.smallestHolding(x.procedure) ?? x.procedure] : [])))];
    const apart = (a: string, b: string) => (this.members.has(a) && this.members.has(b) ? this.disjoint(a, b) : a !== b);
    return families.length >= n && families.every((a, i) => families.slice(i + 1).every((b) => apart(a, b)));
  }

  /** The smallest group that has `id` as a member. */
  smallestHolding(id: string): string | undefined {
    let best: string | undefined;
    for (const [name, set] of this.members) if (set.has(id) && (!best || set.size < (this.members.get(best)?.size ?? 0))) best = name;
    return best;
  }
}
