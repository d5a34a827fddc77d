/** Everything a parse needs before the intent model: normalised words, entities, facets. */
import { findDossierCodes } from './dossier-code';
import { isEmergencyNumber } from './emergency-numbers';
import { featuresOf } from './features';
import { LocationRecogniser } from './location-recogniser';
import { PhraseMatcher, type PhraseMatch } from './phrase-matcher';
import { ProcedureRecogniser } from './procedure-recogniser';
import { SlotFinder } from './slots';
import type { Resources } from './resources';
import { foldForMatch } from './normalise';
import { TokenNormaliser, type Word } from './token-normaliser';
import { tokenise } from './tokenise';
import { TypedPhraseMatcher } from './typed-phrase-matcher';
import type { LocationEntry, ParsedEntity } from './types';

/** Messages are read up to this many characters: enough for any real question, and a 10,000-character paste stays fast. */
export const MAX_CHARS = 2000;
/** ...and up to this many words: a real question is far shorter, and every later step is linear in it. */
export const MAX_TOKENS = 200;

/** The result of analysing one message. */
export interface Analysis {
  words: Word[];
  entities: ParsedEntity[];
  /** Language asked for by a change-language message (en / vi), if any. */
  language?: ParsedEntity;
  /** The procedure was named only by a purpose ("mở khách sạn"), which a procedure_list question does not narrow. */
  purposeOnly: boolean;
  /** What the lexicon said about procedures: a mention, `abstain` (aliases of unrelated families: nothing on purpose) or nothing. */
  procedureLexicon: 'mention' | 'abstain' | 'none';
  features: string[];
  /** The facets (documents, fee, duration, online, where…) the sentence that asks names, or the whole message's when it is read whole. */
  askedFacets: string[];
  /** Whether any part of a procedure (documents, fee, duration, online) is cued anywhere in the message, asked or told. */
  partCued: boolean;
  /** The message is nothing but a dossier code (someone pasting the code they were given). */
  onlyCode: boolean;
  /** Whether the message asks anything: a question mark, or a phrase that introduces a question ("cho tôi hỏi", "muốn biết"). */
  asks: boolean;
  /** Round 29: whether the message asks by its own words: a question mark, an interrogative, or a closing yes/no particle
   * (an `ask` phrase alone does not count: "tôi hỏi X mà nó trả lời Y" tells what was asked). */
  questions: boolean;
  /** The topic cue groups the message holds (gratitude, complaint…). */
  topics: string[];
  /** Whether the message judges a service or says what should change: a `complaint` topic, a `grievance` phrase, or `rhetorical`. */
  grieves: boolean;
  /**
   * Round 32: every question of the message asks why not ("Sao không nói hết một lần?": a `rhetorical` phrase opens it) and
   * no `ask` phrase asks anything: its questions are a judgement.
   */
  rhetorical: boolean;
  /** Whether it requests something without a question mark ("mong chuyên mục giải thích", "xin hướng dẫn"). */
  requests: boolean;
  /** What the sentence that asks asks of a letter's kind (computed on demand: only letters consult it). */
  letterAsks: () => LetterAsks;
  /** Whether the letter reading (AnalyseOptions.letter) would take another sentence for the one that asks (on demand). */
  readsOtherwiseAsLetter: () => boolean;
  /** Features of the learned procedure model (computed on demand: most parses never consult it). */
  procedureFeatures: () => string[];
  /** Round 31: the family a list question answers when the lexicon named one member of it (ProcedureRecogniser.listFamily; on demand). */
  listFamily: () => string | undefined;
  /** Round 32: the member the family the lexicon named usually means, when nothing qualified it (ProcedureMention.usual). */
  usualMember: string | undefined;
  /**
   * Round 34: where a closing thanks starts (a character offset), when the message thanks nowhere else ("… ad chỉ e cách làm
   * online vs, làm xong thì in ra hay gửi file cho công ty ạ, e cảm ơn nhiều"): every `gratitude` cue stands in its last
   * CLOSING_THANKS_WORDS words and no `credit` cue anywhere; else undefined (on demand).
   */
  closingThanks: () => number | undefined;
  /**
   * Round 34: the message tells safety know-how or a drill (a `safety_frames` phrase: "diễn tập", "sơ cứu", "bình chữa
   * cháy") and names the police nowhere (`police_words`), nor paperwork (`safety_not_frames`): on demand, the parser reads
   * it for short messages only.
   */
  safetyTold: () => boolean;
  /**
   * Round 35: the message ends asking whether what it named is needed at all, a `need_whether` phrase right before the closing
   * yes/no ("đăng ký con dấu cho công ty có cần không", "có bắt buộc không ạ"): nothing stands between the two for a paper
   * or a step to be what is needed, so the thing asked about is the procedure itself (on demand).
   */
  asksWhetherNeeded: () => boolean;
}

/** What a letter's sentence that asks asks (round 28; parser.ts reads them for letters only). */
export interface LetterAsks {
  /** How, where or whether to tell the police ("có nên báo công an không, báo thế nào"). */
  toReport: boolean;
  /**
   * Whether the letter asks about the procedure the lexicon named: named in the sentence that asks or after it ("trình báo
   * mất hộ chiếu ở đâu"), itself a report the ask refers back to ("phải trình báo mất rồi mới làm lại … vậy trình báo
   * với làm lại mất bao lâu"), or asked with no word of reporting ("khai thế nào, có phải ra công an trình diện không"). A
   * procedure told before an ask to report is otherwise the story's ("báo cccd của em liên quan …, e muon trinh bao").
   */
  namesProcedure: boolean;
  /** How or where to complain ("tôi gửi đơn khiếu nại ở đâu"). */
  toComplain: boolean;
  /**
   * Whether it asks the online way: where to go, then whether it can be done online ("làm ở đâu, có làm trên VNeID được
   * không"; round 28); by phone ("nếu có thì làm trên điện thoại được không", a cue the `online` facet lacks; round 30); or
   * in any clause of it that asks, wherever that clause stands ("thủ tục thế nào, có làm online được không"; blind round
   * 21: the letter SVM reads the whole story and leans to procedure_info).
   */
  online: boolean;
  /** Round 30: news or the police's public work ("công an có thông báo chính thức nào không", "có tổ chức cuộc thi nào"). */
  toNews: boolean;
  /**
   * Round 31: the answers in another language ("Can you please answer in English", "làm sao đổi lại tiếng Việt"), in the
   * sentence that asks or in any question ("Can you answer in English please? I find Vietnamese legal terms very hard. I
   * want to know …": the request of the service comes first, the letter's ask after it).
   */
  toLanguage: boolean;
  /**
   * Round 32: a person to talk to, asked anywhere in the letter ("Tôi nhắn với máy mãi không hiểu, cho tôi nói chuyện với
   * cán bộ trực tiếp"; "muốn gặp trực tiếp lãnh đạo công an tỉnh. Lịch tiếp dân ở đâu?"): a `person_wish`, a `talk` cue and
   * a `person` cue or one of the `officials`, each within PERSON_GAP words of the one before.
   */
  toPerson: boolean;
  /**
   * Round 32: the sentence that asks asks whether someone may act for another (`proxy`: "Tôi ở nhà có làm thay cho cháu được
   * không") and names the online way, if at all, only by a home (`home`: the "ở nhà" where the proxy stays).
   */
  byProxy: boolean;
  /**
   * Round 34: notifications asked to stop, anywhere in the letter ("E muốn hủy nhận thông báo mà ko biết bấm chỗ nào", "Xin cho
   * tôi ngừng nhận các thông báo này"): a `person_wish`, an `opt_out` cue and a `notifications` or `opt_in` cue, each within
   * STOP_GAP words of the one before. Without the wish a stop is the story's ("không nhận được thông báo", "dừng xe bật đèn
   * cảnh báo").
   */
  toStop: boolean;
  /** Round 32: the letter says, anywhere, that its ask lies outside the service ("hỏi một câu ngoài lề", "không liên quan đến thủ tục"). */
  offTopic: boolean;
  /**
   * Round 33: the letter gives the writer's own finding ("Tôi thấy xử lý như thế là quá cứng nhắc", "Thật sự tôi thấy làm online
   * còn lâu hơn đi trực tiếp") and tells no belief or hearsay ("nghe nói", "tôi cứ nghĩ", "tưởng"): a judgement of the service.
   */
  judges: boolean;
  /**
   * Round 33: the letter asks only how, or whether what it heard is true, after a sentence that tells the online way as a
   * belief or hearsay ("Nghe đồng nghiệp nói bây giờ làm hộ chiếu có thể nộp hoàn toàn trên mạng … Có đúng vậy không, nếu đúng
   * thì làm theo các bước nào?"): the belief says which part the letter is about.
   */
  heardOnline: boolean;
  /**
   * Round 30: whether the letter, anywhere, tells of a foreigner's or a guest's stay ("khách Tây", "vợ tôi là người Trung Quốc"),
   * and its sentence that asks does not ask the foreigner's own residence card ("gia hạn tạm trú": that is tạm trú).
   */
  foreignStay: boolean;
}

/**
 * How a message is read. Round 29: `letter` reads a letter's questions typed without a question mark, and its interrogatives
 * that say every or none (`indefinite`), when choosing the sentence that asks (see askedSentence). Only the parser reads so,
 * for letters: the models are trained on the plain reading, so no example is retrained by it (rules read after the models).
 */
export interface AnalyseOptions {
  letter?: boolean;
}

/** Builds the deterministic parts of understanding from the data files; `vocabulary` adds the training words. */
export class Analyser {
  private readonly normaliser: TokenNormaliser;
  private readonly procedures: ProcedureRecogniser;
  private readonly locations: LocationRecogniser;
  private readonly facets = new PhraseMatcher<string>();
  // Issue 10: a word typed with diacritics must carry the cue's own ("nhắn tin" is no "nhận tin", "lửa" no "lừa", "bạn" no
  // "bán"); folded they are one, so each spelling stands for its own topic. A phrase listed twice as written keeps its
  // first topic.
  private readonly topics = new TypedPhraseMatcher<string>({ spellings: 'own' });
  private readonly languages = new PhraseMatcher<string>();
  private readonly ask = new PhraseMatcher<true>();
  private readonly slots: SlotFinder;
  // Typed as written: a word typed with diacritics must carry the cue's own ("vay vốn" is no "vậy", "điều chỉnh" no "điều chính").
  private readonly turn = new TypedPhraseMatcher<true>();
  private readonly emphasis = new TypedPhraseMatcher<true>();
  private readonly secondary = new TypedPhraseMatcher<true>();
  private readonly mainAsk = new TypedPhraseMatcher<true>();
  private readonly denial = new TypedPhraseMatcher<true>();
  private readonly safety = new TypedPhraseMatcher<true>();
  // Round 34: the police or paperwork named: a message of safety know-how then asks something of them.
  private readonly police = new TypedPhraseMatcher<true>();
  private readonly negation = new TypedPhraseMatcher<true>();
  private readonly only = new TypedPhraseMatcher<boolean>();
  private readonly truthCheck = new TypedPhraseMatcher<true>();
  private readonly askedBefore = new TypedPhraseMatcher<true>();
  private readonly grievance = new TypedPhraseMatcher<true>();
  private readonly request = new TypedPhraseMatcher<true>();
  private readonly reportAsk = new TypedPhraseMatcher<true>();
  private readonly complaintAsk = new TypedPhraseMatcher<true>();
  private readonly reportVisit = new TypedPhraseMatcher<true>();
  // Round 30: read in letters only, after the models; none of their words enters the spelling corrector.
  private readonly onlinePhone = new TypedPhraseMatcher<true>();
  private readonly onlineNotAsked = new TypedPhraseMatcher<true>();
  private readonly newsAsk = new TypedPhraseMatcher<true>();
  private readonly foreignStay = new TypedPhraseMatcher<true>();
  private readonly foreignResidence = new TypedPhraseMatcher<true>();
  private readonly languageSwitch = new TypedPhraseMatcher<true>();
  private readonly condition = new TypedPhraseMatcher<true>();
  private readonly personWish = new TypedPhraseMatcher<true>();
  private readonly officials = new TypedPhraseMatcher<true>();
  private readonly offTopic = new TypedPhraseMatcher<true>();
  private readonly rhetoric = new TypedPhraseMatcher<true>();
  private readonly realPerson = new TypedPhraseMatcher<true>();
  private readonly onlineHeard = new TypedPhraseMatcher<true>();
  private readonly judgement = new TypedPhraseMatcher<true>();
  private readonly belief = new TypedPhraseMatcher<true>();
  private readonly proxy = new TypedPhraseMatcher<true>();
  private readonly home = new TypedPhraseMatcher<true>();
  // Folded.
  private readonly procedureWords: ReadonlySet<string>;
  // Round 29: the procedures that are a report themselves (an alias holds a `report_ask` phrase: "trình báo mất hộ chiếu").
  private readonly reportProcedures: ReadonlySet<string>;
  // As `turn` ("lần đầu" is no "đâu").
  private readonly interrogative = new TypedPhraseMatcher<true>();
  // Folded: phrases whose words, typed without diacritics, only look like an interrogative ("lan dau" is "lần đầu").
  private readonly notInterrogative = new PhraseMatcher<true>();
  // Folded: an interrogative that says every or none ("nào cũng", "gì cả"), in a letter's reading.
  private readonly indefinite = new PhraseMatcher<true>();
  private readonly yesNo = new TypedPhraseMatcher<true>();
  private readonly closing = new TypedPhraseMatcher<true>();
  private readonly needWhether = new TypedPhraseMatcher<true>();
  private readonly alternative: ReadonlySet<string>;
  private readonly joins = new PhraseMatcher<true>();

  constructor(resources: Resources, vocabulary: { targets: Iterable<string>; known: Iterable<string> }, options: { procedureAliases?: Record<string, string[]>; locations?: LocationEntry[] } = {}) {
    this.normaliser = new TokenNormaliser(resources.abbreviations);
    this.procedures = new ProcedureRecogniser(resources.procedures, resources.cues.places, withoutAskedParts(options.procedureAliases, resources));
    this.locations = new LocationRecogniser(options.locations, resources.cues.places);
    for (const [facet, phrases] of Object.entries(resources.cues.facets)) for (const p of phrases) this.facets.add(p, facet);
    // Issue 10: phrases that hide a facet cue inside them ("chưa bao giờ có" is never, not "bao giờ có", when).
    for (const p of resources.cues.not_facets) this.facets.add(p, NOT_ASKED);
    // Issue 10, styles 16: the frames of a harmless setting (a film or a game, a dish) are topics too, so "bị bắn chết" in a
    // game or "cháy khét" in a pot is read in its setting, not as a report; their lists are the situation model's own.
    const frames = Object.fromEntries(resources.cues.topic_frames.map((f) => [f, resources.situations.frames[f] ?? []]));
    for (const [topic, phrases] of Object.entries({ ...resources.cues.topics, ...frames })) for (const p of phrases) this.topics.add(p, topic);
    for (const [lang, phrases] of Object.entries(resources.cues.languages)) for (const p of phrases) this.languages.add(p, lang);
    for (const p of resources.cues.ask) this.ask.add(p, true);
    this.slots = new SlotFinder(resources.cues.vehicle_types, resources.cues.age_units);
    for (const p of [...resources.cues.ask, ...resources.cues.turn]) this.turn.add(p, true);
    for (const p of resources.cues.emphasis) this.emphasis.add(p, true);
    for (const p of resources.cues.secondary) this.secondary.add(p, true);
    for (const p of resources.cues.main_ask) this.mainAsk.add(p, true);
    for (const p of resources.cues.denial) this.denial.add(p, true);
    for (const f of resources.cues.safety_frames) for (const p of resources.situations.frames[f] ?? []) this.safety.add(p, true);
    for (const p of resources.cues.police_words) this.police.add(p, true);
    for (const f of resources.cues.safety_not_frames) for (const p of resources.situations.frames[f] ?? []) this.police.add(p, true);
    for (const p of resources.cues.negation) this.negation.add(p, true);
    for (const p of resources.cues.only) this.only.add(p, true);
    for (const p of resources.cues.not_only) this.only.add(p, false);
    for (const p of resources.cues.truth_check) this.truthCheck.add(p, true);
    for (const p of resources.cues.asked_before) this.askedBefore.add(p, true);
    for (const p of resources.cues.grievance) this.grievance.add(p, true);
    for (const p of resources.cues.request) this.request.add(p, true);
    for (const p of resources.cues.report_ask) this.reportAsk.add(p, true);
    for (const p of resources.cues.complaint_ask) this.complaintAsk.add(p, true);
    for (const p of resources.cues.report_visit) this.reportVisit.add(p, true);
    for (const p of resources.cues.online_phone) this.onlinePhone.add(p, true);
    for (const p of resources.cues.online_not_asked) this.onlineNotAsked.add(p, true);
    for (const p of resources.cues.news_ask) this.newsAsk.add(p, true);
    for (const p of resources.cues.foreign_stay) this.foreignStay.add(p, true);
    for (const p of resources.cues.foreign_residence) this.foreignResidence.add(p, true);
    for (const p of resources.cues.language_switch) this.languageSwitch.add(p, true);
    for (const p of resources.cues.condition) this.condition.add(p, true);
    for (const p of resources.cues.person_wish) this.personWish.add(p, true);
    for (const p of resources.cues.officials) this.officials.add(p, true);
    for (const p of resources.cues.off_topic) this.offTopic.add(p, true);
    for (const p of resources.cues.rhetorical) this.rhetoric.add(p, true);
    for (const p of resources.cues.real_person) this.realPerson.add(p, true);
    for (const p of resources.cues.heard_online) this.onlineHeard.add(p, true);
    for (const p of resources.cues.judgement) this.judgement.add(p, true);
    for (const p of resources.cues.belief) this.belief.add(p, true);
    for (const p of resources.cues.proxy) this.proxy.add(p, true);
    for (const p of resources.cues.home) this.home.add(p, true);
    const aliases = Object.entries({ ...resources.procedures.procedures, ...options.procedureAliases }).map(([id]) => [id, [...(resources.procedures.procedures[id] ?? []), ...(options.procedureAliases?.[id] ?? [])]] as const);
    this.reportProcedures = new Set(aliases.filter(([, list]) => list.some((a) => this.reportAsk.matchAll(foldForMatch(a).split(' ')).length > 0)).map(([id]) => id));
    this.procedureWords = new Set(resources.cues.procedure_words.map(foldForMatch));
    for (const p of resources.cues.interrogative) this.interrogative.add(p, true);
    for (const p of resources.cues.not_interrogative) this.notInterrogative.add(p, true);
    for (const p of resources.cues.indefinite) this.indefinite.add(p, true);
    for (const p of resources.cues.yes_no) this.yesNo.add(p, true);
    for (const p of resources.cues.closing) this.closing.add(p, true);
    for (const p of resources.cues.need_whether) this.needWhether.add(p, true);
    this.alternative = new Set(resources.cues.alternative.map(foldForMatch));
    for (const p of resources.cues.joins) this.joins.add(p, true);
    this.normaliser.keepWhole(this.procedures.words());
    const corrector = this.normaliser.corrector;
    corrector.addWords(vocabulary.targets);
    corrector.addKnown(vocabulary.known);
    for (const m of [this.procedures, this.locations, this.facets, this.topics, this.languages, this.slots]) corrector.addWords(m.words());
    // The situation frames' words, so a misspelt "dang" or "phim" is still read as one.
    for (const list of Object.values(resources.situations.frames)) corrector.addWords(list.flatMap((p) => foldForMatch(p).split(' ')));
    corrector.addWords(this.normaliser.expansionWords());
    corrector.index();
  }

  /** Analyses the first MAX_CHARS characters of `text`. */
  analyse(text: string, options: AnalyseOptions = {}): Analysis {
    const letter = options.letter === true;
    const tokens = tokenise(text, MAX_CHARS, MAX_TOKENS);
    // Dossier codes are searched only in the part that was tokenised, so no regex ever runs over a whole paste.
    const head = text.slice(0, tokens.length > 0 ? tokens[tokens.length - 1].end : 0);
    const words = this.normaliser.normalise(tokens);
    const folded = words.map((w) => w.text);
    const entities: ParsedEntity[] = [];
    const placeholders: (string | undefined)[] = new Array(words.length).fill(undefined);
    const mark = (from: number, to: number, placeholder: string) => {
      for (let i = from; i < to; i++) placeholders[i] = i === from ? placeholder : '';
    };
    const span = (from: number, to: number) => ({ start: words[from].start, end: words[to - 1].end });

    for (const code of findDossierCodes(head)) {
      entities.push({ entity: 'dossier_code', value: code.value, start: code.start, end: code.end });
      const inside = words.flatMap((w, i) => (w.start >= code.start && w.end <= code.end ? [i] : []));
      if (inside.length > 0) mark(inside[0], inside[inside.length - 1] + 1, '§code');
    }
    // Where punctuation falls tells the lexicon which mentions form a list ("an ninh trật tự, con dấu").
    // (Asked lazily: only a message with two adjacent mentions needs it.)
    const breakAfter = (i: number) => i + 1 < words.length && BREAK.test(text.slice(words[i].end, words[i + 1].start));
    const toned = words.map((w) => w.toned);
    // A long message tells its story first and asks last: the sentence that asks is read like a short message
    // (words, bigrams), while the whole message keeps its cues and becomes a bag of context words.
    const sentences = sentencesOf(text, words);
    // The `credit` and `asked_before` phrases of the message, found once when an `ask` phrase needs them (askPhrases).
    // The topic cues of the whole message, found once: the credit, the grievance of an unmarked question, the person or
    // the stop a letter asks and its closing thanks all read them (the same words each time).
    let topicsFound: readonly PhraseMatch<string>[] | undefined;
    const topicsAll = () => (topicsFound ??= this.topicsOf(folded, toned));
    let creditFound: Span[] | undefined;
    const credit = () => (creditFound ??= [...topicsAll().filter((m) => m.value === CREDIT), ...this.askedBefore.match(folded, toned)]);
    // A letter's question typed without its question mark (unmarkedQuestion), found once: the sentence that asks, `asks`
    // and readsOtherwiseAsLetter all read it.
    let unmarkedFound: { sentence: Sentence | undefined } | undefined;
    const unmarked = () => (unmarkedFound ??= { sentence: this.unmarkedQuestion(sentences, folded, toned, words, credit, topicsAll) }).sentence;
    let letterAsksFound: LetterAsks | undefined;
    const question = this.askedSentence(sentences, folded, toned, words, credit, letter, unmarked);
    // A sentence after the questions that says which ask matters ("Chủ yếu là phí đổi.") is the request itself.
    // Issue 10: a sentence the citizen marks as the main ask ("điều tôi lo nhất là…", "…, đó là việc chính") is the request
    // wherever it stands, before the questions too; in a message of one sentence there is nothing to choose.
    const main = sentences.length > 1 ? sentences.find((s) => this.mainAsk.match(folded, toned, s.from, s.to).length > 0) : undefined;
    const stress = main ?? sentences.find((s) => s.from >= question[1] && this.emphasis.match(folded, toned, s.from, s.to).length > 0);
    const [sFrom, sTo] = stress ? [stress.from, stress.to] : question;
    // Inside it (or in a one-sentence message), "cho em hỏi ..." / "muốn hỏi là ..." introduces the question: what comes before is context too.
    const marker = this.askPhrases(folded, sFrom, sTo, credit).pop();
    const introduced = marker && sTo - (sFrom + marker.to) >= MIN_FOCUS_WORDS ? sFrom + marker.to : sFrom;
    // Issue 10: inside the question, a phrase that says which part matters ("thủ tục tạm trú với tạm vắng, mà chủ yếu em cần
    // tạm vắng, làm ở đâu") starts the request too, as a sentence of its own after the questions does (`stress`).
    const stressed = stress ? undefined : this.emphasis.match(folded, toned, introduced, sTo).pop();
    const stressedFrom = stressed && stressed.from > 0 && sTo - (introduced + stressed.to) >= MIN_FOCUS_WORDS ? introduced + stressed.to : introduced;
    const askFrom = this.afterDenials(text, words, folded, toned, stressedFrom, sTo);
    // Two asks in the sentence that asks ("… có cần về ký không, và lệ phí bao nhiêu"): the first is the request. (Not in
    // a message read whole: there a "gì" or "không" in the story is no ask.)
    const whole = sTo - sFrom === words.length;
    const askTo = stress || (whole && words.length > SHORT_ASKS) ? sTo : this.firstAsk(text, words, askFrom, sTo);
    const [qFrom, qTo] = this.onlineSide(words, askFrom, askTo);
    const focused = qTo - qFrom < words.length;
    const turned = focused ? { from: qFrom, to: qTo } : this.turnToRequest(folded, toned);
    // Round 35: the sentences after the sentence that asks that add a lesser ask ("Ngoài ra, …?"; `secondary`).
    const asides = sentences.filter((s) => s.from >= question[1] && this.secondary.match(folded, toned, s.from, s.to).length > 0);
    let found = this.procedures.recognise(folded, toned, { breakAfter, request: turned, asides });
    // The clause that asks decides between two procedures told; the same procedure keeps the mention it was read by.
    const asking = turned ? undefined : this.askingClause(text, words);
    const chosen = asking && this.procedures.recognise(folded, toned, { breakAfter, request: asking });
    if (chosen && !chosen.abstain && (chosen.procedure ?? chosen.group) !== (found?.procedure ?? found?.group)) found = chosen;
    const mention = found?.abstain ? undefined : found;
    if (mention) {
      const value = mention.procedure ?? mention.group ?? '';
      entities.push({ entity: mention.procedure ? 'procedure' : 'procedure_group', value, ...span(mention.from, mention.to) });
      mark(mention.from, mention.to, mention.procedure ? '§proc' : '§grp');
    }
    for (const loc of this.locations.recognise(folded, toned)) {
      if (placeholders.slice(loc.from, loc.to).some((p) => p !== undefined)) continue;
      entities.push({ entity: 'location', value: loc.id, ...span(loc.from, loc.to) });
      mark(loc.from, loc.to, '§loc');
    }
    // Issue 10: a validity or deadline phrase ("có giá trị bao lâu", "bao lâu phải khai") is one placeholder, so its "bao
    // lâu" is not read as the processing time's words (w:bao, b:bao_lau outvoted the facet) while the facet says what is asked.
    const foldedFacets = this.facetsOf(folded);
    // The "how long" that follows a validity word is the validity's ("có giá trị mấy tháng", "hiệu lực trong mấy năm"):
    // the phrase runs to its end, so no list has to spell out every way of asking how long after every validity word.
    const validity = foldedFacets.flatMap((m, k) => {
      if (m.value !== VALIDITY || placeholders.slice(m.from, m.to).some((p) => p !== undefined)) return [];
      const next = foldedFacets[k + 1];
      const asksHowLong = next?.value === DURATION && next.from - m.to <= VALIDITY_GAP && placeholders.slice(m.to, next.to).every((p) => p === undefined);
      return [asksHowLong ? { ...m, to: next.to } : m];
    });
    for (const m of validity) mark(m.from, m.to, VALIDITY_PLACEHOLDER);
    // Issue 10, styles 16: the amount of a fine ("vượt đèn đỏ phạt bao nhiêu", "không đăng ký tạm trú bị phạt bao nhiêu") is no
    // fee of the procedure: asked about the rule, procedure_info by the writers' convention, as a validity is. The phrase's
    // words no entity took ("bị phạt" may be the procedure's) are one placeholder, so its "bao nhiêu (tiền)" is not the fee's.
    const fines = foldedFacets.filter((m) => m.value === FINE);
    for (const m of fines) {
      let from = m.from;
      while (from < m.to && placeholders[from] !== undefined) from++;
      if (from < m.to && placeholders.slice(from, m.to).every((p) => p === undefined)) mark(from, m.to, FINE_PLACEHOLDER);
    }
    // Issue 10, round 15: an age ("bé 5 tuổi", "17t") is not a time: as `§num` it read like "thứ 7", "5 giờ", and "bé 5 tuổi có
    // làm căn cước được không" asked the office's hours.
    const ageAt = this.slots.age(folded)?.from;
    // `named`: keep the words of the procedure mention (the procedure model must see "tạm trú" itself, see below).
    const delexedRange = (from: number, to: number, named = false): string[] => {
      const out: string[] = [];
      for (let i = from; i < to; i++) {
        const p = named && mention && i >= mention.from && i < mention.to ? undefined : placeholders[i];
        // Issue 10: the emergency numbers are not just any number: "113 với 114 khác nhau thế nào" asks about the numbers themselves.
        if (p === undefined && i === ageAt) out.push(AGE_PLACEHOLDER);
        else if (p === undefined) out.push(isNumber(folded[i]) ? (isEmergencyNumber(folded[i]) ? '§hotline' : '§num') : folded[i]);
        else if (p) out.push(p);
      }
      return out;
    };
    const delexed = delexedRange(0, words.length);
    // Longest cue wins, so "giá trị" (validity) does not also count as "giá" (price).
    const facetHits = this.facetsOf(delexed);
    delexed.forEach((w, i) => {
      const phrase = PHRASE_FACETS[w];
      if (phrase) facetHits.push({ from: i, to: i + 1, value: phrase });
    });
    const facets = [...new Set(facetHits.map((m) => m.value))];
    // Round 36 (issue 10): the clauses that decline or deny before the request ("không cần gặp cán bộ đâu, bot trả lời là
    // được: …", "không cần người thật đâu, …") say what is not asked: their topic cues (a person to talk to) are no evidence
    // of the intent, which the request after them decides. (Their words stay context: without them "không muốn thường trú,
    // chỉ tạm trú 6 tháng thôi được không" read as the processing time.)
    const [nFrom, nTo] = askFrom > stressedFrom ? [delexedRange(0, stressedFrom).length, delexedRange(0, askFrom).length] : [0, 0];
    const undenied = (i: number) => i < nFrom || i >= nTo;
    // A placeholder stands for its first word, so each entry of `delexed` has the word it was typed as.
    const topics = [...new Set(this.topicsOf(delexed, toned.filter((_, i) => placeholders[i] !== '')).filter((m) => undenied(m.from)).map((m) => m.value))];
    // Whether a procedure is named at all: "how do I get a birth certificate" looks like a procedure question but names none of ours.
    topics.push(mention ? 'named_procedure' : 'no_procedure');
    const focusWords = focused ? delexedRange(qFrom, qTo) : delexed;
    // Issue 10: what the story mentions ("vay vốn", "hết bao nhiêu ngày chờ") is not what is asked: facets of the request
    // are `f:`, the story's only context (`xf:`). delexed has one entry per word except for the placeholder's empty parts,
    // so positions are compared through the delexed index of the request's first and last words.
    const [dFrom, dTo] = focused ? [delexedRange(0, qFrom).length, delexedRange(0, qTo).length] : [0, delexed.length];
    const askedHits = focused ? facetHits.filter((m) => m.from >= dFrom && m.to <= dTo) : facetHits;
    // Issue 10: a bare "thủ tục" beside a part asked ("thủ tục phê duyệt phương án mất bao lâu") names the procedure: the
    // part is what is asked, not how.
    const namesOnly = (m: PhraseMatch<string>) => m.value === HOW && this.procedureWords.has(delexed.slice(m.from, m.to).join(' '));
    const partAsked = askedHits.some((m) => PARTS.has(m.value));
    // Issue 10: and beside the online way asked, "thế nào", "có cách nào", "có được không" only ask that way ("khai báo lưu trú
    // trên VNeID thế nào", "có cách nào đăng ký tạm trú online không"): every writer labels these procedure_online.
    const onlineAsked = askedHits.some((m) => m.value === ONLINE);
    const asked = [...new Set(askedHits.filter((m) => !(m.value === HOW && (onlineAsked || (partAsked && namesOnly(m))))).map((m) => m.value))];
    const storyFacets = focused ? facets.filter((f) => !asked.includes(f)) : [];
    // The procedure model reads the same features, except that the procedure's own words stay and whether the lexicon
    // named one is not a feature: it is consulted exactly when the lexicon found nothing, so it must learn from the
    // words, not from the lexicon's verdict (with that verdict as a feature it answered "none" to nearly every situation).
    const procedureFeatures = (): string[] => {
      const own = topics.filter((t) => t !== 'named_procedure' && t !== 'no_procedure');
      if (!mention) return featuresOf({ words: focusWords, facets: asked, contextFacets: storyFacets, topics: own, context: focused ? delexed : undefined }, PROCEDURE_READING);
      const all = delexedRange(0, words.length, true);
      return featuresOf({ words: focused ? delexedRange(qFrom, qTo, true) : all, facets: asked, contextFacets: storyFacets, topics: own, context: focused ? all : undefined }, PROCEDURE_READING);
    };
    // A message asking several things has every part answered: its first ask is the request of the intent model, but the
    // facets of the slots run to the end of the sentence. Round 33: in a letter, and through the questions right after it
    // ("… gồm những gì, có thể nộp qua dịch vụ công không?"; "Quá hạn thì có phải thi lại không? Nếu đổi thì làm ở đâu?"):
    // the bot answers each part they ask (procedure-handlers.ts answerFacet).
    const request = focused ? { from: qFrom, to: questionsThrough(sentences, sTo) } : { from: 0, to: words.length };
    const phraseAt = (i: number) => validity.some((m) => m.from <= i && i < m.to) || fines.some((m) => m.from <= i && i < m.to);
    for (const slot of this.slots.find(words, foldedFacets, request, (i) => placeholders[i] !== undefined && !phraseAt(i))) {
      entities.push({ entity: slot.entity, value: slot.value, ...span(slot.from, slot.to) });
    }
    const lang = this.languages.match(folded)[0];
    const questionsAsked = sentences.filter((s) => s.question);
    const rhetorical = questionsAsked.length > 0 && this.askPhrases(folded, 0, folded.length, credit).length === 0
      && questionsAsked.every((s) => this.rhetoric.match(folded, toned, s.from, s.to).some((m) => m.from <= RHETORIC_REACH));
    return {
      words,
      entities: entities.sort((a, b) => a.start - b.start),
      language: lang ? { entity: 'language', value: lang.value, ...span(lang.from, lang.to) } : undefined,
      purposeOnly: mention?.purpose === true,
      procedureLexicon: mention ? 'mention' : found ? 'abstain' : 'none',
      features: featuresOf({ words: focusWords, facets: asked, contextFacets: storyFacets, topics, context: focused ? delexed : undefined }),
      askedFacets: asked,
      partCued: facets.some((f) => PARTS.has(f)),
      procedureFeatures,
      onlyCode: words.length > 0 && placeholders.every((p) => p === '§code' || p === ''),
      asks: questionsAsked.length > 0 || this.askPhrases(folded, 0, folded.length, credit).length > 0 || (letter && unmarked() !== undefined),
      questions: questionsAsked.length > 0 || this.asks(words, 0, words.length, false, true),
      topics,
      grieves: topics.includes(COMPLAINT) || this.grievance.matchAll(folded, toned).length > 0 || rhetorical,
      rhetorical,
      requests: this.request.matchAll(folded, toned).length > 0,
      // Found once: the parser reads a letter's asks for its intent and again for its procedure.
      letterAsks: () => (letterAsksFound ??= {
        toReport: this.reportAsk.matchAll(folded, toned, sFrom, sTo).length > 0,
        namesProcedure: mention?.procedure !== undefined && (mention.to > sFrom || this.reportProcedures.has(mention.procedure) || !this.saysReport(folded, toned, sFrom, sTo)),
        toComplain: this.complaintAsk.matchAll(folded, toned, sFrom, sTo).length > 0,
        online: this.asksOnlineIn(text, words, folded, toned, this.closingBlock(sentences, folded, toned, sFrom, sTo)),
        // Round 34: a news cue inside the procedure's own name ("có thông báo lưu trú cho khách") asks the procedure.
        toNews: this.newsAsk.matchAll(folded, toned, sFrom, sTo).some((m) => !mention || sFrom + m.to <= mention.from || sFrom + m.from >= mention.to),
        toLanguage: [{ from: sFrom, to: sTo }, ...sentences.filter((s) => s.question)].some((s) => this.asksLanguage(folded, toned, s.from, s.to)),
        toPerson: this.asksPerson(folded, toned, topicsAll()),
        toStop: this.asksToStop(folded, toned, topicsAll()),
        offTopic: this.offTopic.matchAll(folded, toned).length > 0,
        heardOnline: asked.every((f) => f === HOW) && this.heardOnline(folded, toned, sentences.filter((s) => s.to <= sTo)),
        judges: this.judgement.matchAll(folded, toned).length > 0 && this.belief.matchAll(folded, toned).length === 0,
        byProxy: this.proxy.matchAll(folded, toned, sFrom, sTo).length > 0 && this.onlyHome(folded, toned, sFrom, sTo),
        foreignStay: this.foreignStay.matchAll(folded, toned).length > 0 && this.foreignResidence.matchAll(folded, toned, sFrom, sTo).length === 0,
      }),
      usualMember: mention?.group ? mention.usual : undefined,
      closingThanks: () => {
        const said = topicsAll().filter((m) => m.value === GRATITUDE || m.value === CREDIT);
        if (said.length === 0 || said.some((m) => m.value === CREDIT || m.from < words.length - CLOSING_THANKS_WORDS)) return undefined;
        return words[said[0].from].start;
      },
      safetyTold: () => this.safety.matchAll(folded, toned).length > 0 && this.police.matchAll(folded, toned).length === 0,
      // The procedure named must stand in the clause that asks: "làm hộ chiếu cho con, giấy khai sinh có cần không" asks a paper.
      asksWhetherNeeded: () => {
        const cue = this.needAskedFrom(folded, toned);
        if (!mention || cue === undefined || mention.to > cue) return false;
        for (let i = mention.to - 1; i < cue - 1; i++) if (breakAfter(i)) return false;
        return true;
      },
      listFamily: () => (mention?.procedure ? this.procedures.listFamily(folded, toned, mention.procedure) : undefined),
      readsOtherwiseAsLetter: () => {
        const [from, to] = letter ? question : this.askedSentence(sentences, folded, toned, words, credit, true, unmarked);
        return from !== question[0] || to !== question[1];
      },
    };
  }

  /**
   * The topic cues of `tokens` typed as written (`toned[k]` is how tokens[k] was typed). Cues may
   * overlap, but one inside a longer cue of another topic is that cue's words ("theo dõi" of "theo dõi em" is someone
   * following, not the page; "muốn nhận" of "không muốn nhận" is no opting in).
   */
  private topicsOf(tokens: readonly string[], toned: readonly string[]): PhraseMatch<string>[] {
    const found = this.topics.matchAll(tokens, toned);
    return found.filter((m) => !found.some((o) => o.value !== m.value && o.from <= m.from && m.to <= o.to && o.to - o.from > m.to - m.from));
  }

  /** The facet cues of `tokens`, longest first, without the words of a phrase that only looks like one (`not_facets`). */
  private facetsOf(tokens: readonly string[]): PhraseMatch<string>[] {
    return this.facets.match(tokens).filter((m) => m.value !== NOT_ASKED);
  }

  /**
   * The `ask` phrases of the words [from, to) (positions from `from`), but those inside a `credit` phrase of those words
   * (issue 10): "nhờ hướng dẫn tận tình của bạn" thanks for guidance given, "đã hướng dẫn giúp" tells it; neither asks for
   * any. Round 23: nor does an ask told as done before ("hôm trước tôi hỏi bot về …"). `credit`: the message's credit and
   * `asked_before` phrases.
   */
  private askPhrases(folded: readonly string[], from: number, to: number, credit: () => readonly Span[]): PhraseMatch<true>[] {
    const asks = this.ask.match(folded.slice(from, to));
    if (asks.length === 0) return asks;
    const inside = credit().filter((c) => from <= c.from && c.to <= to);
    return asks.filter((a) => !inside.some((c) => c.from <= from + a.from && from + a.to <= c.to));
  }

  /** The sentence that asks (see askedSentence), preferring a question introduced by an `ask` phrase that is not a `secondary` one. */
  private askedSentence(sentences: readonly Sentence[], folded: readonly string[], toned: readonly string[], words: readonly Word[], credit: () => readonly Span[], letter: boolean, unmarked: () => Sentence | undefined): [number, number] {
    const introduced = (s: Sentence) => this.askPhrases(folded, s.from, s.to, credit).length > 0 && this.secondary.match(folded, toned, s.from, s.to).length === 0;
    // Issue 10: a letter typed without question marks ("… cho mình hỏi X không, và Y bao nhiêu. mình lo nhất là …") still
    // says where it asks: the last sentence an `ask` phrase opens, when it is not the whole message.
    if (sentences.length > 1 && !sentences.some((s) => s.question)) {
      const opened = sentences.filter((s) => s.to - s.from >= MIN_FOCUS_WORDS && introduced(s)).pop();
      // Round 31, a letter's reading: a plea for guidance that leaves nothing to ask after its `ask` phrase ("Toi ko ranh may
      // tinh lam, mong dc huong dan cu the") only closes the letter; its questions typed without a question mark come before
      // it ("Vay ho so gom nhung gi a, co mau san ko, …"). A closing request that says what it asks ("Xin các đồng chí liệt
      // kê giúp.", blind round 9) is the request still.
      const closes = letter && opened !== undefined && this.onlyPleads(folded, opened, credit);
      const asking = (closes ? unmarked() : undefined) ?? opened ?? (letter ? unmarked() : undefined);
      if (asking) return [asking.from, asking.to];
    }
    const lesser = (s: Sentence) => this.secondary.match(folded, toned, s.from, s.to).length > 0;
    // Issue 10: a sentence an `ask` phrase opens that asks something is a question, with or without its question mark
    // ("Tôi muốn hỏi việc điều chỉnh này có làm trên VNeID được không, để khỏi đi lại. Còn nếu phải ra trụ sở thì cần mấy
    // bản sao?"): it joins the closing block of questions, where the introduced one is the request.
    const asking = sentences.map((s) => (s.question || !introduced(s) || !this.asks(words, s.from, s.to, letter) ? s : { ...s, question: true }));
    return askedSentence(asking, folded.length, introduced, lesser, (s) => this.checksOnly(words, s.from, s.to));
  }

  /**
   * Whether sentence `s` only pleads for guidance: its last `ask` phrase leaves fewer than MIN_FOCUS_WORDS words after it, and
   * its only facet is the general `how` ("mong được hướng dẫn cụ thể"; not "liệt kê giúp", which asks a list).
   */
  private onlyPleads(folded: readonly string[], s: Sentence, credit: () => readonly Span[]): boolean {
    const marker = this.askPhrases(folded, s.from, s.to, credit).pop();
    const facets = this.facetsOf(folded.slice(s.from, s.to));
    return marker !== undefined && s.to - (s.from + marker.to) < MIN_FOCUS_WORDS && facets.length > 0 && facets.every((m) => m.value === HOW);
  }

  /**
   * Round 29, a letter's reading: in a letter typed without a question mark, the last sentence that asks all the same (an
   * interrogative, or a yes/no particle at its end: "… thì có cần căn cước không ạ, và đi làm có mất tiền không ạ, em cảm
   * ơn."; "E muon trinh bao thi lam the nao a"), else undefined. Read whole, such a letter was its story: a closing "em cảm
   * ơn" made it thanks, a paper the story named a scam's procedure. Only past SHORT_ASKS words (a short message read whole
   * reads its clauses: firstAsk), and not in a letter that grieves or credits guidance given (`credit`): a complaint's
   * unmarked questions are its judgement ("Làm ăn thế này thì dân biết trông vào ai."), a thanks letter's its story ("làm
   * đúng như các anh hướng dẫn, … không phải đi lại gì").
   */
  private unmarkedQuestion(sentences: readonly Sentence[], folded: readonly string[], toned: readonly string[], words: readonly Word[], credit: () => readonly Span[], topics: () => readonly PhraseMatch<string>[]): Sentence | undefined {
    if (words.length <= SHORT_ASKS || sentences.length < 2 || sentences.some((s) => s.question) || this.grievesIn(folded, toned, topics) || credit().length > 0) return undefined;
    return sentences.filter((s) => s.to - s.from >= MIN_FOCUS_WORDS && this.asks(words, s.from, s.to, true)).pop();
  }

  /**
   * Round 31: whether words [from, to) ask the answers in another language: a `language_switch` verb followed, at most
   * LANGUAGE_GAP words on, by a `languages` cue ("answer me in English", "switch to English", "đổi lại tiếng Việt"). A
   * language named without such a verb is the story's ("an English teacher", "dịch sang tiếng Anh", "tell me in English what").
   */
  private asksLanguage(folded: readonly string[], toned: readonly string[], from: number, to: number): boolean {
    // Both matchers count positions from `from`.
    const named = this.languages.matchAll(folded.slice(from, to));
    return this.languageSwitch.matchAll(folded, toned, from, to).some((v) => named.some((l) => l.from >= v.to && l.from - v.to <= LANGUAGE_GAP));
  }

  /** Round 33: whether one of `sentences` tells a `belief` and, after it, a `heard_online` act (LetterAsks.heardOnline). */
  private heardOnline(folded: readonly string[], toned: readonly string[], sentences: readonly Sentence[]): boolean {
    return sentences.some((s) => {
      const heard = this.belief.matchAll(folded, toned, s.from, s.to)[0];
      return heard !== undefined && this.onlineHeard.matchAll(folded, toned, s.from, s.to).some((m) => m.from >= heard.to);
    });
  }

  /** Round 32: whether every `online` cue of words [from, to) is a `home` one (or there is none). */
  private onlyHome(folded: readonly string[], toned: readonly string[], from: number, to: number): boolean {
    const homes = this.home.matchAll(folded, toned, from, to);
    return this.facetsOf(folded.slice(from, to)).every((m) => m.value !== ONLINE || homes.some((h) => h.from === m.from && h.to === m.to));
  }

  /**
   * Round 32: whether the words ask for a person to talk to (LetterAsks.toPerson): a wish, a `talk` cue, then a person or an
   * official; or (round 33) a wish, then a `real_person`. `topics`: the message's topic cues (found once per analysis).
   */
  private asksPerson(folded: readonly string[], toned: readonly string[], topics: readonly PhraseMatch<string>[]): boolean {
    const people = [...topics.filter((m) => m.value === PERSON), ...this.officials.matchAll(folded, toned)];
    const wishes = this.personWish.matchAll(folded, toned);
    const near = (a: Span, b: Span) => b.from >= a.to && b.from - a.to <= PERSON_GAP;
    // Round 33: a person named against the machine needs no talk ("chỉ mong có người thật trả lời").
    const real = this.realPerson.matchAll(folded, toned).some((p) => wishes.some((w) => near(w, p)));
    return real || topics.some((t) => t.value === TALK && wishes.some((w) => near(w, t)) && people.some((p) => near(t, p)));
  }

  /** Whether the words ask the notifications to stop (LetterAsks.toStop); `topics`: the message's topic cues. */
  private asksToStop(folded: readonly string[], toned: readonly string[], topics: readonly PhraseMatch<string>[]): boolean {
    const stops = topics.filter((m) => m.value === OPT_OUT);
    if (stops.length === 0) return false;
    const news = topics.filter((m) => m.value === NOTIFICATIONS || m.value === OPT_IN);
    const wishes = this.personWish.matchAll(folded, toned);
    const near = (a: Span, b: Span) => b.from >= a.to && b.from - a.to <= STOP_GAP;
    return stops.some((s) => wishes.some((w) => near(w, s)) && news.some((n) => near(s, n)));
  }

  /** Whether words [from, to) ask to report with a `report_ask` phrase other than one that only asks whether to go (`report_visit`). */
  private saysReport(folded: readonly string[], toned: readonly string[], from: number, to: number): boolean {
    const visits = this.reportVisit.matchAll(folded, toned, from, to);
    return this.reportAsk.matchAll(folded, toned, from, to).some((m) => !visits.some((v) => v.from <= m.from && m.to <= v.to));
  }

  /** Whether the words judge a service or say what should change (Analysis.grieves), read from the words as typed (`topics`: their topic cues). */
  private grievesIn(folded: readonly string[], toned: readonly string[], topics: () => readonly PhraseMatch<string>[]): boolean {
    return this.grievance.matchAll(folded, toned).length > 0 || topics().some((m) => m.value === COMPLAINT);
  }

  /**
   * The end of the first ask of the request [from, to) when it asks two things in one sentence, else `to`. Clauses are
   * cut at commas and before a `joins` word ("và"); one opening with an `alternative` ("hay", "hoặc") belongs to the
   * clause before. A clause asks when it holds an `interrogative` or ends in a `yes_no` particle. Every writer labels
   * the first ask as the main one ("có phải về ký không, và lệ phí bao nhiêu" asks whether first), and the model,
   * reading a bag of words, leaned to whichever facet cue was stronger, most often the later fee or duration.
   */
  private firstAsk(text: string, words: readonly Word[], from: number, to: number): number {
    const clauses = this.clausesOf(text, words, from, to);
    if (clauses.length < 2) return to;
    const asking = clauses.filter(([a, b]) => this.asks(words, a, b) && !this.checksOnly(words, a, b));
    if (asking.length < 2) return to;
    // "… làm thay được không, cần mang giấy gì?": after a bare "may I" the papers to bring are the practical ask (three
    // writers label it so), whereas a fee or a duration after it is an addition.
    const facetsOf = ([a, b]: readonly [number, number]) => new Set(this.facets.match(words.slice(a, b).map((w) => w.text)).map((m) => m.value));
    const [first, second] = asking.map(facetsOf);
    const bare = [...first].every((f) => f === 'how');
    return bare && second.has('documents') ? asking[1][1] : asking[0][1];
  }

  /**
   * Round 31: the sentence that asks [from, to) and, when it is a question, the questions right after it (the rest of the
   * closing block), as word ranges; but not a later question that adds a lesser ask ("Cho hỏi thêm có xem điểm trên VNeID
   * được không?": `secondary`) or opens on a condition ("Nếu làm trên VNeID thì kết quả có giá trị … không?").
   */
  private closingBlock(sentences: readonly Sentence[], folded: readonly string[], toned: readonly string[], from: number, to: number): (readonly [number, number])[] {
    const block: (readonly [number, number])[] = [[from, to]];
    const k = sentences.findIndex((s) => s.to === to);
    if (k < 0 || !sentences[k].question) return block;
    for (let j = k + 1; j < sentences.length && sentences[j].question; j++) {
      const s = sentences[j];
      const conditional = this.condition.match(folded, toned, s.from, s.to).some((m) => m.from === 0);
      if (!conditional && this.secondary.match(folded, toned, s.from, s.to).length === 0) block.push([s.from, s.to]);
    }
    return block;
  }

  /**
   * LetterAsks.online over the sentences `block` (the sentence that asks and the questions that follow it: closingBlock):
   * where then online, by phone, or in any clause that asks. Round 31: a later question of the block asks it too ("Xin cái
   * này ở công an xã hay phải lên tỉnh? Có làm trên VNeID được không?"; "How can I pay the fine …? Can I pay online …?").
   */
  private asksOnlineIn(text: string, words: readonly Word[], folded: readonly string[], toned: readonly string[], block: readonly (readonly [number, number])[]): boolean {
    const clauses = block.flatMap(([a, b]) => this.clausesOf(text, words, a, b));
    return this.onlineAfterWhere(words, clauses) || block.some(([a, b]) => this.onlinePhone.matchAll(folded, toned, a, b).length > 0)
      || this.asksOnline(words, folded, toned, clauses);
  }

  /**
   * Round 28: whether the clauses ask where to go, then whether one must go at all ("giấy xác nhận làm ở đâu, có làm
   * online được không"; "vậy giờ làm ở đâu, mình làm trên VNeID được không"): an asking clause that ends on a `where` cue,
   * and a later one that names the online way. firstAsk takes the first, where; parser.ts reads the online way.
   */
  private onlineAfterWhere(words: readonly Word[], clauses: readonly (readonly [number, number])[]): boolean {
    const asking = clauses.filter(([a, b]) => this.asks(words, a, b));
    const facets = ([a, b]: readonly [number, number]) => this.facetsOf(words.slice(a, b).map((w) => w.text));
    const endsOnWhere = (c: readonly [number, number]) => facets(c).reduce<PhraseMatch<string> | undefined>((last, m) => (!last || m.to > last.to ? m : last), undefined)?.value === WHERE;
    const k = asking.findIndex(endsOnWhere);
    return k >= 0 && asking.slice(k + 1).some((c) => facets(c).some((m) => m.value === ONLINE));
  }

  /**
   * Issue 10, round 21: whether one of the clauses that asks names the online way (see LetterAsks.online). Round 31: a
   * clause of more than ONLINE_CLAUSE_WORDS words (a letter typed without a comma) is read from its last `turn` phrase
   * ("… không xin nghỉ được vậy có làm trên mạng được không làm thế nào"): the story before it may stay "ở nhà".
   */
  private asksOnline(words: readonly Word[], folded: readonly string[], toned: readonly string[], clauses: readonly (readonly [number, number])[]): boolean {
    const asking = clauses.flatMap(([a, b]) => {
      const from = b - a <= ONLINE_CLAUSE_WORDS ? a : this.lastTurn(folded, toned, a, b);
      return from !== undefined && this.asks(words, from, b) ? [[from, b] as const] : [];
    });
    return asking.some(([a, b]) => {
      const not = this.onlineNotAsked.matchAll(folded, toned, a, b);
      const online = this.facetsOf(folded.slice(a, b)).filter((m) => m.value === ONLINE);
      return online.some((m) => !not.some((n) => n.from < m.to && m.from < n.to));
    });
  }

  /** Where the last `turn` phrase of words [from, to) starts, when MIN_FOCUS_WORDS to ONLINE_CLAUSE_WORDS words run from it to `to`. */
  private lastTurn(folded: readonly string[], toned: readonly string[], from: number, to: number): number | undefined {
    const last = this.turn.matchAll(folded, toned, from, to).pop();
    const at = last ? from + last.from : undefined;
    return at !== undefined && to - at >= MIN_FOCUS_WORDS && to - at <= ONLINE_CLAUSE_WORDS ? at : undefined;
  }

  /**
   * The clauses of words [from, to), as [from, to) ranges: cut at commas and before a `joins` word ("và"); one opening with
   * an `alternative` ("hay", "hoặc") belongs to the clause before. `commasOnly`: cut at every comma and nowhere else.
   */
  private clausesOf(text: string, words: readonly Word[], from: number, to: number, commasOnly = false): (readonly [number, number])[] {
    const starts = [from];
    const joined = commasOnly ? new Set<number>() : new Set(this.joins.matchAll(words.slice(from, to).map((w) => w.text)).map((m) => from + m.from));
    for (let i = from + 1; i < to; i++) {
      const cut = joined.has(i) || CLAUSE_BREAK.test(text.slice(words[i - 1].end, words[i].start));
      if (cut && (commasOnly || !this.alternative.has(words[i].text)) && starts[starts.length - 1] !== i) starts.push(i);
    }
    return starts.map((a, k) => [a, starts[k + 1] ?? to] as const);
  }

  /**
   * Issue 10, styles 16: in a short message read whole, the one clause that asks, when it names again a procedure the
   * clauses before it told ("làm căn cước cho con với cả tạm vắng cho chồng, cái tạm vắng làm online được không"): that
   * one is asked about. Only commas cut here (a "vì" clause is a reason), and a procedure the asking clause names for the
   * first time ("làm hộ chiếu cho con, có cần căn cước không") is a condition of the one told, so it is no request.
   */
  private askingClause(text: string, words: readonly Word[]): { from: number; to: number } | undefined {
    if (words.length > SHORT_ASKS) return undefined;
    const clauses = this.clausesOf(text, words, 0, words.length, true);
    const asking = clauses.filter(([a, b]) => this.asks(words, a, b));
    if (asking.length !== 1 || asking[0] === clauses[0]) return undefined;
    const [from, to] = asking[0];
    const folded = words.map((w) => w.text);
    const named = this.procedures.recognise(folded.slice(from, to), words.slice(from, to).map((w) => w.toned));
    if (!named || named.abstain) return undefined;
    const alias = folded.slice(from + named.from, from + named.to).join(' ');
    return ` ${folded.slice(0, from).join(' ')} `.includes(` ${alias} `) ? { from, to } : undefined;
  }

  /**
   * Issue 10: where the request starts once the clauses that open by saying what is not asked are left out ("không phải
   * đổi bằng đâu, em thi mới thì phí bao nhiêu"; "tôi không hỏi hộ chiếu nữa, tôi hỏi tạm vắng"): a correction is context.
   * A clause denies when a `denial` phrase opens it, or follows one word (a pronoun). `from` when no clause follows.
   */
  private afterDenials(text: string, words: readonly Word[], folded: readonly string[], toned: readonly string[], from: number, to: number): number {
    let start = from;
    for (;;) {
      let end = start + 1;
      while (end < to && !CLAUSE_BREAK.test(text.slice(words[end - 1].end, words[end].start))) end++;
      if (end >= to || to - end < MIN_FOCUS_WORDS) return start;
      const opening = this.denial.match(folded, toned, start, Math.min(end, start + DENIAL_REACH));
      if (!opening.some((m) => m.from <= 1) && !this.deniedBeforeOnly(text, words, folded, toned, start, end, to)) return start;
      start = end;
    }
  }

  /**
   * Round 34: whether the clause [start, end) says "not" in its first DENIAL_REACH words and the clause after it opens
   * with "only" ("Tôi không báo cháy đâu, chỉ hỏi huấn luyện PCCC …", "Tôi không muốn hủy, chỉ muốn nhận thông báo …"):
   * the clause before is what is not asked, as one a `denial` phrase opens. A "chỉ" that shows ("chỉ đường", "chỉ tôi
   * cách dùng") opens no such clause: the longest phrase there decides (`not_only`); nor does one after an alternative
   * ("Tôi không biết chuyện này có đúng không, hay chỉ là tin đồn trên mạng?": true or a rumour).
   */
  private deniedBeforeOnly(text: string, words: readonly Word[], folded: readonly string[], toned: readonly string[], start: number, end: number, to: number): boolean {
    if (!this.negation.match(folded, toned, start, Math.min(end, start + DENIAL_REACH)).length) return false;
    let next = end + 1;
    while (next < to && !CLAUSE_BREAK.test(text.slice(words[next - 1].end, words[next].start))) next++;
    // "chỉ" opens the clause or follows a pronoun ("tôi chỉ hỏi"), not an alternative ("… có đúng không, hay chỉ là tin đồn").
    const opening = this.only.match(folded, toned, end, next).filter((m) => m.from === 0 || (m.from === 1 && !this.alternative.has(folded[end])));
    const longest = opening.reduce<(typeof opening)[number] | undefined>((a, m) => (!a || m.to - m.from > a.to - a.from ? m : a), undefined);
    return longest?.value === true;
  }

  /**
   * Round 23: a request [from, to) that asks whether a procedure is done online or in person, one way then an `alternative`
   * ("em tự đăng ký trên ứng dụng được không hay phải ra công an xã ạ", "có phải ra xã không hay tự làm ở nhà được"), asks
   * the online way (every writer labels these procedure_online): the side that names it is the request, and the other
   * side's words (an office, going there) are context, where they read as a question of the procedure as a whole.
   */
  private onlineSide(words: readonly Word[], from: number, to: number): [number, number] {
    const folded = words.map((w) => w.text);
    const toned = words.map((w) => w.toned);
    const online = (a: number, b: number) => this.facetsOf(folded.slice(a, b)).some((m) => m.value === ONLINE);
    // Round 29: an alternative that no other word makes a question is itself the question when the side before it names
    // the police office and the side after it the online way ("phải lên công an xã làm hay tự làm ở nhà"): a choice between
    // two ways. ("trang dịch vụ công hay bị lỗi, mong công an sửa" is "often", no choice.)
    const choice = !this.asks(words, from, to);
    const office = (a: number, b: number) => this.topicsOf(folded.slice(a, b), toned.slice(a, b)).some((m) => m.value === POLICE_UNIT);
    for (let i = from + MIN_FOCUS_WORDS; i < to; i++) {
      if (!this.alternative.has(folded[i])) continue;
      const asked = this.asks(words, from, i);
      if (!asked && !choice) continue;
      // "… thông tin này có đúng không, hay lại là tin đồn trên mạng": true or a rumour, not which way it is done.
      if (this.truthCheck.match(folded, toned, from, i).length > 0) return [from, to];
      // Both sides naming it ("vneid … hay làm ở nhà"): the name may be the procedure's own, so the request stays whole.
      const [before, after] = [online(from, i), online(i + 1, to)];
      if (before === after || (!asked && (before || !office(from, i)))) return [from, to];
      return before ? [from, i] : to - (i + 1) >= MIN_FOCUS_WORDS ? [i + 1, to] : [from, to];
    }
    return [from, to];
  }

  /**
   * Round 23: whether words [from, to) only ask if what was told is true ("thông tin đó có đúng không"): a `truth_check`
   * phrase and at most TRUTH_CHECK_REST other words. Such an ask holds no request of its own; the ask beside it does.
   */
  private checksOnly(words: readonly Word[], from: number, to: number): boolean {
    return this.truthCheck.match(words.map((w) => w.text), words.map((w) => w.toned), from, to).some((m) => to - from - (m.to - m.from) <= TRUTH_CHECK_REST);
  }

  /**
   * Whether words [from, to) ask something: an interrogative anywhere, or a yes/no particle at the end (before politeness).
   * In a letter's reading (`letter`), an interrogative that says every or none ("ngày nào cũng") asks nothing; with
   * `judged` (round 33), neither does one inside a `rhetorical` phrase ("làm ăn kiểu gì", "thế là sao", "không ai nghe
   * máy": a judgement).
   */
  private asks(words: readonly Word[], from: number, to: number, letter = false, judged = false): boolean {
    const clause = words.slice(from, to);
    const folded = clause.map((w) => w.text);
    const toned = clause.map((w) => w.toned);
    // Round 23: typed without diacritics, "lam ho chieu lan dau, mat bao lau" held the "đâu" of "lần đầu": its first clause
    // asked, and became the request. A word inside a `not_interrogative` phrase asks nothing.
    const nots = [
      ...this.notInterrogative.matchAll(folded),
      ...(letter ? this.indefinite.matchAll(folded) : []),
      ...(judged ? this.rhetoric.matchAll(folded, toned) : []),
    ];
    if (this.interrogative.matchAll(folded, toned).some((m) => !nots.some((n) => n.from <= m.from && m.to <= n.to))) return true;
    const end = this.beforeClosing(folded, toned);
    return this.yesNo.matchAll(folded, toned, 0, end).some((m) => m.to === end);
  }

  /** Where the words end once up to MAX_CLOSING polite closing particles ("ạ", "ad", "nhé") are left off. */
  private beforeClosing(folded: readonly string[], toned: readonly string[]): number {
    let end = folded.length;
    for (let k = 0; k < MAX_CLOSING && end > 0; k++) {
      const polite = this.closing.matchAll(folded, toned, 0, end).filter((m) => m.to === end).pop();
      if (!polite) break;
      end = polite.from;
    }
    return end;
  }

  /** Round 35: where the words' closing "<need_whether> <yes_no> <closing>*" starts (Analysis.asksWhetherNeeded), if they end so. */
  private needAskedFrom(folded: readonly string[], toned: readonly string[]): number | undefined {
    const end = this.beforeClosing(folded, toned);
    const particle = this.yesNo.matchAll(folded, toned, 0, end).filter((m) => m.to === end).pop();
    if (particle === undefined) return undefined;
    const starts = this.needWhether.matchAll(folded, toned, 0, particle.from).filter((m) => m.to === particle.from).map((m) => m.from);
    return starts.length > 0 ? Math.min(...starts) : undefined;
  }

  /**
   * Without a question mark, the request runs from the last phrase that turns from the story to it ("nay muốn",
   * "vậy thì", "cho em hỏi") to the end, when enough words follow; undefined when there is no such turn.
   */
  private turnToRequest(folded: readonly string[], toned: readonly string[]): { from: number; to: number } | undefined {
    const last = this.turn.matchAll(folded, toned).pop();
    return last && last.from > 0 && folded.length - last.from >= MIN_FOCUS_WORDS ? { from: last.from, to: folded.length } : undefined;
  }
}

// The procedure model also reads character n-grams (features.ts); the intent model does not.
const PROCEDURE_READING = { charGrams: true };

// Issue 10: a short message read whole may still ask two things ("làm căn cước cho con cần gì, mất bao lâu, có mất tiền
// không"): up to this many words, its clauses are read as a letter's (the first ask is the request); a longer one read
// whole is a story, where a "gì" or "không" asks nothing.
const SHORT_ASKS = 30;
// A letter typed without a comma or a full stop is one clause, whose story may stay "ở nhà" (at home): no online way asked.
const ONLINE_CLAUSE_WORDS = 25;
// Words allowed between a `person_wish` and its `talk` cue, and between that and the person ("muốn nói chuyện trực tiếp với cán bộ").
const PERSON_GAP = 3;
// Round 34: "muốn hủy nhận thông báo", "cho tôi ngừng nhận các thông báo này" (LetterAsks.toStop).
const STOP_GAP = 2;
const OPT_OUT = 'opt_out';
const OPT_IN = 'opt_in';
const NOTIFICATIONS = 'notifications';
// The topics (cues.yaml) of talking to someone and of a person of the service.
const TALK = 'talk';
const PERSON = 'person';
// A `rhetorical` phrase opens its question, or follows at most this many words ("Thế sao không …", "Vậy tại sao lại …").
const RHETORIC_REACH = 1;
// Words allowed between a `language_switch` verb and the language it asks for ("answer me in English", "switch to English").
const LANGUAGE_GAP = 2;
// The number of an age (see analyse).
const AGE_PLACEHOLDER = '§age';
// A validity or deadline phrase is read as one placeholder (see analyse).
const VALIDITY = 'validity';
const VALIDITY_PLACEHOLDER = '§valid';
// The amount of a fine asked is read as one placeholder too (see analyse).
const FINE = 'fine';
const FINE_PLACEHOLDER = '§fine';
// The facet each phrase placeholder stands for.
const PHRASE_FACETS: Readonly<Record<string, string>> = { [VALIDITY_PLACEHOLDER]: VALIDITY, [FINE_PLACEHOLDER]: FINE };
const DURATION = 'duration';
const HOW = 'how';
const WHERE = 'where';
const ONLINE = 'online';
// The topic of the police office's words (cues.yaml): the other side of a choice of the online way.
const POLICE_UNIT = 'police_unit';
// The value of a `not_facets` phrase in the facet matcher: its words ask nothing.
const NOT_ASKED = '-';
// The facets that ask one part of a procedure.
const PARTS: ReadonlySet<string> = new Set(['documents', 'fee', 'duration', 'online']);
// Words allowed between a validity word and its "how long" ("có giá trị trong mấy tháng").
const VALIDITY_GAP = 1;
// Punctuation between two words: they may be items of a list.
const BREAK = /[,.;:!?\n]/;
// Punctuation between two clauses of one sentence.
const CLAUSE_BREAK = /[,;:]/;
// The topic of phrases that credit guidance given (cues.yaml): a thanks, and no ask.
const CREDIT = 'credit';
const GRATITUDE = 'gratitude';
// Round 34: a closing thanks stands in a letter's last words ("e cảm ơn nhiều", "Thank you for listening.", "Xin trân trọng cảm ơn ạ.").
const CLOSING_THANKS_WORDS = 6;
// The topic of complaint words (cues.yaml), a grievance (Analysis.grieves).
const COMPLAINT = 'complaint';
// A denial opens its clause, or follows its first word (a pronoun: "tôi không hỏi …"); the phrase fits in this many words.
const DENIAL_REACH = 6;
// A clause that checks what was told keeps at most this many words besides its `truth_check` phrase ("thông tin đó").
const TRUTH_CHECK_REST = 3;
// Politeness words read back from the end of a clause before its yes/no particle ("không ạ", "chưa vậy ad").
const MAX_CLOSING = 3;

/**
 * Issue 10: the content's aliases without those that are another alias of the same procedure followed by a facet cue
 * ("nộp phạt online" = "nộp phạt" + "online"): the shorter alias names the procedure just as well, and the cue stays a
 * facet of the question instead of vanishing into the placeholder ("nộp phạt online thế nào" asks the online way).
 */
function withoutAskedParts(aliases: Record<string, string[]> | undefined, resources: Resources): Record<string, string[]> | undefined {
  if (!aliases) return aliases;
  const cues = new Set(Object.values(resources.cues.facets).flat().map(foldForMatch));
  return Object.fromEntries(Object.entries(aliases).map(([id, list]) => {
    const own = new Set([...(resources.procedures.procedures[id] ?? []), ...list].map(foldForMatch));
    // Split at each space of the alias (not tried against every cue: ~300 cues × every alias was ~5–30 ms of a start).
    const asksPart = (alias: string) => {
      const folded = foldForMatch(alias);
      for (let k = folded.indexOf(' '); k >= 0; k = folded.indexOf(' ', k + 1)) if (cues.has(folded.slice(k + 1)) && own.has(folded.slice(0, k))) return true;
      return false;
    };
    return [id, list.filter((a) => !asksPart(a))];
  }));
}

/** Word range [from, to) of a phrase found. */
type Span = { from: number; to: number };

// Whether a folded word is all digits (a plain loop: this runs for every word of every message).
function isNumber(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return c >= 128 && /^\p{N}+$/u.test(word);
  }
  return true;
}

// A sentence ends at ? ! ; a line break, or a full stop followed by a space (a dot inside "000.00.14.H55" or "1.5" is no end).
const SENTENCE_END = /[?!;\n]|\.\s/;
const QUESTION = /[?？]/;
// After "cho em hỏi" at least this many words must follow for them to be the question ("cho em hỏi với" is not one).
const MIN_FOCUS_WORDS = 3;

/** A sentence of a message: word range [from, to), and whether it ends in a question mark. */
export interface Sentence {
  from: number;
  to: number;
  question: boolean;
}

/** The end of the run of questions that sentence ending at `end` opens: `end` itself when that sentence asks no question. */
function questionsThrough(sentences: readonly Sentence[], end: number): number {
  let k = sentences.findIndex((s) => s.to === end);
  if (k < 0 || !sentences[k].question) return end;
  while (k + 1 < sentences.length && sentences[k + 1].question) k++;
  return sentences[k].to;
}

/** Splits a message's words into sentences (at ? ! ; a line break, or a full stop followed by a space). */
export function sentencesOf(text: string, words: readonly { start: number; end: number }[]): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  for (let i = 1; i <= words.length; i++) {
    const gap = i < words.length ? text.slice(words[i - 1].end, words[i].start) : text.slice(words[i - 1].end, words[i - 1].end + 8);
    if (i < words.length && !SENTENCE_END.test(gap)) continue;
    sentences.push({ from, to: i, question: QUESTION.test(gap) });
    from = i;
  }
  return sentences;
}

/**
 * Word range [from, to) of the sentence a message is really about: a question of the block of questions that ends the
 * asking (the last sentence ending in a question mark and the questions right before it), else the whole message
 * (without a question mark the last sentence is as often "Chúc các đồng chí sức khỏe!" as the request). Citizens who
 * ask two things put the main ask first and add the rest ("Xin hỏi X? Cho hỏi thêm Y?"), or introduce the main one
 * ("Phải lên phường làm ạ? Em hỏi mang gì theo ạ?"): the first question that `introduced` accepts wins, else the first
 * question. A question of fewer than MIN_FOCUS_WORDS words ("Được không?") only adds to the one before it, and one that
 * `checksOnly` whether the story is true ("Chuyện đó có thật không?") is the request only when no other question is.
 */
export function askedSentence(
  sentences: readonly Sentence[],
  wordCount: number,
  introduced: (s: Sentence) => boolean = () => false,
  lesser: (s: Sentence) => boolean = () => false,
  checksOnly: (s: Sentence) => boolean = () => false,
): [number, number] {
  const lastQuestion = (before: number) => {
    let k = before - 1;
    while (k >= 0 && !sentences[k].question) k--;
    return k;
  };
  let last = lastQuestion(sentences.length);
  if (sentences.length <= 1 || last < 0) return [0, wordCount];
  let first = last;
  while (first > 0 && sentences[first - 1].question) first--;
  // Issue 10: a block that only adds a lesser ask ("Xin hỏi X? <story>. Nhân tiện cho hỏi Y?") is not where the request
  // is: the questions before the story are.
  const earlier = lastQuestion(first);
  if (earlier >= 0 && sentences.slice(first, last + 1).every(lesser)) {
    last = earlier;
    first = last;
    while (first > 0 && sentences[first - 1].question) first--;
  }
  // Round 23: a question that only asks whether the story is true ("Chuyện đó có thật không?") leaves the request to the others.
  const questions = sentences.slice(first, last + 1).filter((s) => s.to - s.from >= MIN_FOCUS_WORDS);
  const asks = questions.some((s) => !checksOnly(s)) ? questions.filter((s) => !checksOnly(s)) : questions;
  const pick = (asks.length > 1 ? asks.find(introduced) : undefined) ?? asks[0] ?? sentences[last];
  return [pick.from, pick.to];
}

/** The sentence that asks, read without the cue lists (see askedSentence). */
export function focusSentence(text: string, words: readonly { start: number; end: number }[]): [number, number] {
  if (words.length === 0) return [0, 0];
  return askedSentence(sentencesOf(text, words), words.length);
}
