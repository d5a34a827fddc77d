/** Loads and validates the data files of intents/: abbreviations, lexicons and cue lists (no Vietnamese lives in src). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadYamlFile } from '../util/yaml-file';
import { SERVICES, type SituationExample, type Situations } from './situation-model';
import type { EmergencyService } from './types';
import { isProcedureId } from './taxonomy-names';

const phraseList = z.array(z.string().min(1));

const abbreviationsSchema = z.object({
  abbreviations: z.record(z.string(), z.string()),
  units: z.record(z.string(), z.string()).default({}),
  emoji: z.record(z.string(), z.string()).default({}),
  prefix_rewrites: z.record(z.string(), z.string()).default({}),
  suffix_rewrites: z.record(z.string(), z.string()).default({}),
});

const groupSchema = z.object({
  aliases: phraseList,
  members: z.array(z.string()),
  qualifiers: z.record(z.string(), phraseList).default({}),
  /** Phrases that name the family only when one of its qualifiers is also present ("đổi thẻ" + "hết hạn"). */
  hints: phraseList.default([]),
  /** Two phrases within a few words that together name the family ("đăng ký" … "xe máy"). */
  pairs: z.array(z.tuple([z.string(), z.string()])).default([]),
  /** Round 32: of the family's aliases, those that alone, unqualified and outside a list question, mean one member. */
  usual: z.record(z.string(), phraseList).default({}),
});

const proceduresSchema = z.object({
  procedures: z.record(z.string(), phraseList),
  weak: z.record(z.string(), phraseList).default({}),
  /** Aliases that name a procedure by the citizen's purpose ("mở khách sạn"); see procedures.yaml. */
  purpose: z.record(z.string(), phraseList).default({}),
  groups: z.record(z.string(), groupSchema),
  /**
   * Procedures told by two parts within a few words, neither naming it alone: a detail of one's data and its error
   * ("ngày sinh … bị sai"), an old number and who refuses it ("cmnd 9 số … ngân hàng"). Each entry: [first parts, second parts].
   */
  pairs: z.record(z.string(), z.tuple([phraseList, phraseList])).default({}),
  /** A procedure named with one of these words anywhere becomes another ("hộ chiếu" + "bị mất" → reporting the loss). */
  refinements: z.record(z.string(), z.record(z.string(), phraseList)).default({}),
  /** Phrases in which a refining word means something else ("mất bao lâu" is time, not a loss). */
  not_refining: phraseList.default([]),
  /** Phrases after which a refining word is settled and no longer the request ("mất hộ chiếu, đã báo rồi, giờ làm mới"). */
  settled: phraseList.default([]),
  /** Phrases inside which no alias counts ("sang tên sổ đỏ" is land, not a vehicle). */
  blocked: phraseList.default([]),
  /** The same, matched with diacritics: "con dâu" (daughter-in-law) is not "con dấu" (seal), but "con dau" may be either. */
  blocked_toned: phraseList.default([]),
  /** Round 36: words of an alias that must be typed with their own marks ("rơi" is no "rồi"); see Typing.toned. */
  own_marks: phraseList.default([]),
  /** Aliases that are also documents ("sổ hộ khẩu"): context, not the request, when another procedure is named. */
  documents: phraseList.default([]),
  /** Round 31: words right before a document that say it is applied for ("xin phiếu lý lịch tư pháp"): the request then. */
  applied: phraseList.default([]),
  /** Round 36: words right before a document that say it is brought or all that is left ("mang sổ hộ khẩu", "chỉ còn cái sổ hộ khẩu"): never the request. */
  brought: phraseList.default([]),
  /** Where someone lives told as a state ("thường trú tại xã X"): a mention inside is context when another procedure is named. */
  residing: phraseList.default([]),
  /**
   * Round 35: a residence status that, right before a place ("hộ khẩu thường trú xã Ba Bể", "tạm trú phường Tân Lập"), tells
   * where the writer lives: a mention inside is context like `residing`'s.
   */
  residing_before_place: phraseList.default([]),
  /** Round 35: words that open a place's name besides cues.yaml's `places` ("tổ", "thôn"), read right after `residing_before_place`. */
  place_heads: phraseList.default([]),
  /** Phrases that hold a mention as a consequence ("không thì về sau bị phạt"): context, like documents. */
  consequences: phraseList.default([]),
  /** Words that say a paper is held by the police ("tạm giữ bằng lái với giấy đăng ký xe"): a mention just after is context. */
  held: phraseList.default([]),
  /** Round 8: someone else will do it ("người mua sẽ tự đi sang tên"): a mention just after is context, like a held paper. */
  others: phraseList.default([]),
  /** Words right before a procedure that say it is done already ("đã được thẩm duyệt"): context, and its qualifiers do not vote. */
  done: phraseList.default([]),
  /** Words right after a procedure that say it is finished ("sang tên xe xong"): the story, like `done`. */
  finished: phraseList.default([]),
  /** Round 34: words that close the clause of a procedure told as done ("đã thu hồi đăng ký xe rồi, …"): the story, like `finished`. */
  finished_closing: phraseList.default([]),
  /** Round 36: a clause asking what must be done next, right after a `finished` word ("… xong thì có phải …"): the step told is done. */
  finished_then: phraseList.default([]),
  /** Round 34: words right before a paper that tell it held or lost ("có giấy chứng nhận … rồi"): a state, no `finished_closing`. */
  held_state: phraseList.default([]),
  /** Words right before a mention that make it context: "không (phải)" (negated). */
  negators: phraseList.default([]),
  /** Words after a negated mention that make it an inability ("không đăng ký tạm trú được"). */
  unable: phraseList.default([]),
  /** Phrases that say a mention is not what is meant ("không phải X mà là ..."). */
  contrast: phraseList.default([]),
  /** Words that join a list ("và", "với"): a family and its member joined by them name the family. */
  conjunctions: phraseList.default([]),
});

const cuesSchema = z.object({
  facets: z.record(z.string(), phraseList),
  topics: z.record(z.string(), phraseList).default({}),
  /** Situation frames (situations.yaml) the intent model reads as topics too: a film, a game or a dish is a setting. */
  topic_frames: phraseList.default([]),
  /** Round 34: situation frames that tell safety know-how or a drill (a lesson, a piece of equipment): see Analysis.safetyTold. */
  safety_frames: phraseList.default([]),
  /** Round 34: words that bring the police into such a message ("công an", "cảnh sát"): it then asks something of them. */
  police_words: phraseList.default([]),
  /** Round 34: situation frames of paperwork ("xin phép", "hồ sơ"): such a message asks a procedure, not safety know-how. */
  safety_not_frames: phraseList.default([]),
  languages: z.record(z.string(), phraseList),
  /** Phrases that introduce the question itself ("cho em hỏi", "muốn hỏi là"): what follows is what the citizen asks. */
  ask: phraseList.default([]),
  /** Phrases that turn from the story to the request in a message without a question mark ("giờ muốn", "vậy thì", "now I"). */
  turn: phraseList.default([]),
  /** Phrases that say which of several asks matters ("chủ yếu là", "quan trọng nhất là"): a sentence after the questions that holds one is the request. */
  emphasis: phraseList.default([]),
  /** Phrases that mark an ask as the main one wherever it stands ("điều tôi lo nhất", "đó là việc chính"): that sentence is the request. */
  main_ask: phraseList.default([]),
  /** Phrases that add a further, lesser ask ("cho hỏi thêm", "tiện cho hỏi"): a question they introduce is not the request. */
  secondary: phraseList.default([]),
  /** Phrases that open a clause saying what is not asked ("không phải đổi bằng đâu, …"): the clauses after it are the request. */
  denial: phraseList.default([]),
  /** Round 34: negation words; a clause holding one and followed by an `only` clause ("tôi không báo cháy đâu, chỉ hỏi …") denies. */
  negation: phraseList.default([]),
  /** Round 34: phrases that open the clause saying what is asked instead of what was denied ("chỉ hỏi", "chỉ muốn", "chỉ là"). */
  only: phraseList.default([]),
  /** Round 34: "chỉ" that shows ("chỉ đường", "chỉ tôi cách dùng"): no `only` phrase. */
  not_only: phraseList.default([]),
  /** Phrases that ask only whether what was told is true ("thông tin đó có đúng không"): a clause of little more asks nothing of its own. */
  truth_check: phraseList.default([]),
  /** Phrases that tell an ask made before ("hôm trước tôi hỏi bot"): the `ask` phrase inside them asks nothing now. */
  asked_before: phraseList.default([]),
  /** Phrases that judge how a service went or say what should change ("quá lâu", "phiền hà", "đề nghị nên"): a grievance. */
  grievance: phraseList.default([]),
  /** Phrases that ask how, where or whether to tell the police ("có nên báo công an không"): a letter naming no procedure reports. */
  report_ask: phraseList.default([]),
  /** Round 35: "is it needed" said of the thing just before, with nothing between it and the closing yes/no ("… có cần không"). */
  need_whether: phraseList.default([]),
  /** Phrases that ask how or where to complain ("gửi đơn khiếu nại ở đâu"): a letter asking so is feedback. */
  complaint_ask: phraseList.default([]),
  /** The `report_ask` phrases that only ask whether to go to the police ("có phải ra công an"): a procedure's step may ask so too. */
  report_visit: phraseList.default([]),
  /** Round 30: phrases that ask the online way by phone ("làm trên điện thoại được không"), read in a letter's ask only. */
  online_phone: phraseList.default([]),
  /** Blind round 21: phrases holding an `online` cue that ask no online way ("gia đình ở nhà", "tài khoản vneid"), read in a letter's ask only. */
  online_not_asked: phraseList.default([]),
  /** Round 30: phrases that ask for news or the police's public work ("có thông báo chính thức nào không", "cuộc thi"): a letter asking so asks news. */
  news_ask: phraseList.default([]),
  /** Round 30: phrases that tell of a foreigner or a guest staying ("người nước ngoài", "khách Tây"): a letter's stay is lưu trú. */
  foreign_stay: phraseList.default([]),
  /** Round 30: phrases that ask a foreigner's own residence card ("gia hạn tạm trú", "thẻ tạm trú"): that stay stays tạm trú. */
  foreign_residence: phraseList.default([]),
  /** Round 31: words that open a condition ("nếu"): a later question of a letter's closing block opening on one adds no online ask. */
  condition: phraseList.default([]),
  /** Round 31: verbs that ask the answers in another language ("answer", "switch", "trả lời"), before a `languages` cue in a letter's ask. */
  language_switch: phraseList.default([]),
  /** Round 32: words that open a wish or a request ("muốn", "cho tôi", "xin"), before a `talk` cue in a letter asking for a person. */
  person_wish: phraseList.default([]),
  /** Round 33: the act done on an online channel ("qua VNeID", "trên mạng"), told after a `belief` in a letter asking how. */
  heard_online: phraseList.default([]),
  /** Round 33: a person named against the machine ("người thật", "real person"): after a `person_wish`, a person asked for. */
  real_person: phraseList.default([]),
  /** Round 32: phrases that ask whether someone may act for another ("làm thay", "xin hộ được"), read in a letter's ask only. */
  proxy: phraseList.default([]),
  /** Round 32: the `online` cues that name the home ("ở nhà", "tại nhà"): beside a proxy asked, where the proxy stays. */
  home: phraseList.default([]),
  /** Round 33: the writer's own finding ("tôi thấy"): in a letter that asks nothing and tells no belief, a judgement of the service. */
  judgement: phraseList.default([]),
  /** Round 33: a belief or hearsay told ("nghe nói", "tôi cứ nghĩ", "tưởng"): the letter is about a rule, not a judgement of the service. */
  belief: phraseList.default([]),
  /** Round 32: phrases that open a question asking why not ("sao không"): a judgement, when every question is one. */
  rhetorical: phraseList.default([]),
  /** Round 32: phrases that say the ask lies outside the service ("ngoài lề", "không liên quan đến thủ tục"): a letter saying so is out of scope. */
  off_topic: phraseList.default([]),
  /** Round 32: people asked for by their post ("lãnh đạo", "người phụ trách"), beside the `person` topic, in a letter asking for a person. */
  officials: phraseList.default([]),
  /** Phrases that request something without a question ("cho biết", "giải thích", "hướng dẫn"): a letter holding one asks. */
  request: phraseList.default([]),
  /** The words that name a procedure itself ("thủ tục"), a `how` cue too: beside a part asked, they ask no "how". */
  procedure_words: phraseList.default([]),
  /** Phrases that hold a facet cue without asking it ("chưa bao giờ có" holds "bao giờ có"): their words are no facet. */
  not_facets: phraseList.default([]),
  /** Words that make a clause a question wherever they stand ("gì", "ở đâu", "bao lâu", "how"): two asks in one sentence. */
  interrogative: phraseList.default([]),
  /** Phrases whose words, typed without diacritics, only look like an `interrogative` ("lan dau" is "lần đầu", not "đâu"). */
  not_interrogative: phraseList.default([]),
  /** Phrases where an `interrogative` says every or none ("ngày nào cũng", "chưa biết gì cả"): read so in a letter's reading. */
  indefinite: phraseList.default([]),
  /** Particles that make a clause a yes/no question when they end it ("… có mất tiền không", "… được chưa ạ"). */
  yes_no: phraseList.default([]),
  /** Politeness that may follow a yes/no particle at the end of a clause ("không ạ", "chưa vậy ad"). */
  closing: phraseList.default([]),
  /** Words that open a clause offering an alternative to the one before ("…, hay nộp online được"): the same ask. */
  alternative: phraseList.default([]),
  /** Words that open a new clause without a comma ("nộp ở đâu và mất bao lâu"); it counts when both sides ask. */
  joins: phraseList.default([]),
  /** Words that name a kind of place (xã, phường, tt...): after one, one-word and misspelt place names are accepted. */
  places: phraseList.default([]),
  /** Words that say which kind of vehicle a message is about (value of the `vehicle_type` entity: motorbike, car). */
  vehicle_types: z.record(z.string(), phraseList).default({}),
  /** Words right after a number that make it an age ("14 tuổi", "17t", "15 years old"). */
  age_units: phraseList.default([]),
});

/** Commands typed as the whole message (commands.yaml): each leaves any flow and shows the menu. */
const commandsSchema = z.object({ menu: phraseList });

export type Abbreviations = z.infer<typeof abbreviationsSchema>;
export type ProcedureLexicon = z.infer<typeof proceduresSchema>;
export type Cues = z.infer<typeof cuesSchema>;

/** Everything the parser reads from intents/ besides the training examples. */
export interface Resources {
  abbreviations: Abbreviations;
  procedures: ProcedureLexicon;
  cues: Cues;
  /** Commands typed as the whole message, by what they do. */
  commands: z.infer<typeof commandsSchema>;
  /** Situation frames, hand rules and writers' examples of the emergency situation model. */
  situations: Situations;
}

/** Loads abbreviations, procedure lexicon and cues from `intentsDir`, refusing unknown procedure ids. */
export function loadResources(intentsDir: string): Resources {
  const procedures = loadYamlFile(join(intentsDir, 'lexicon', 'procedures.yaml'), proceduresSchema);
  const groups = Object.values(procedures.groups);
  const ids = [
    ...Object.keys(procedures.procedures),
    ...Object.keys(procedures.weak),
    ...Object.keys(procedures.purpose),
    ...Object.keys(procedures.pairs),
    ...Object.entries(procedures.refinements).flatMap(([id, to]) => [id, ...Object.keys(to)]),
    ...groups.flatMap((g) => [...g.members, ...Object.keys(g.qualifiers), ...Object.keys(g.usual)]),
  ];
  for (const [name, g] of Object.entries(procedures.groups)) {
    const aliases = new Set(g.aliases);
    const strays = Object.entries(g.usual).flatMap(([id, list]) => [...(g.members.includes(id) ? [] : [id]), ...list.filter((a) => !aliases.has(a))]);
    if (strays.length > 0) throw new Error(`intents/lexicon/procedures.yaml: group ${name}'s usual names what is not its member or alias: ${strays.join(', ')}`);
  }
  const unknown = ids.filter((id) => !isProcedureId(id));
  if (unknown.length > 0) throw new Error(`intents/lexicon/procedures.yaml names unknown procedure ids: ${unknown.join(', ')}`);
  return {
    abbreviations: loadYamlFile(join(intentsDir, 'abbreviations.yaml'), abbreviationsSchema),
    procedures,
    cues: loadYamlFile(join(intentsDir, 'lexicon', 'cues.yaml'), cuesSchema),
    commands: loadYamlFile(join(intentsDir, 'lexicon', 'commands.yaml'), commandsSchema),
    situations: loadSituations(intentsDir),
  };
}

// The situation lexicon's and writers' files (read here, with the other lexicons: the model's module needs no zod).
const lexiconSchema = z.object({
  frames: z.record(z.string(), phraseList),
  explicit: phraseList,
  ongoing: phraseList.default([]),
  states: phraseList.default([]),
  present: phraseList.default([]),
  negation: phraseList.default([]),
  signs: phraseList.default([]),
  ringing: phraseList.default([]),
  names: phraseList.default([]),
  hour_asked: phraseList.default([]),
  local_units: phraseList.default([]),
  hotline: phraseList.default([]),
  breaks: phraseList.default([]),
  any_service: phraseList.default([]),
  plain: phraseList.default([]),
  contrast: phraseList.default([]),
  hearsay_opens: phraseList.default([]),
  hearsay_says: phraseList.default([]),
  relayed: phraseList.default([]),
  planned: phraseList.default([]),
  biters: phraseList.default([]),
  bites: phraseList.default([]),
  foretells: phraseList.default([]),
  to_come: phraseList.default([]),
  knocks: phraseList.default([]),
  ordnance: phraseList.default([]),
  finds: phraseList.default([]),
});
const byService = z.object({ police: phraseList.default([]), fire: phraseList.default([]), medical: phraseList.default([]) });
const writerSchema = z.object({
  danger: byService,
  safe: phraseList.default([]),
  // Questions for the numbers: a plain list, or keyed by the service asked for ("gọi cảnh sát số mấy" is police).
  numbers: z.union([phraseList, byService.extend({ any: phraseList.default([]) })]).default([]),
});

/** Loads the situation lexicon and every writer file; throws naming a bad file. */
export function loadSituations(intentsDir: string): Situations {
  const lexicon = loadYamlFile(join(intentsDir, 'lexicon', 'situations.yaml'), lexiconSchema);
  const dir = join(intentsDir, 'situations');
  const examples: SituationExample[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const data = loadYamlFile(join(dir, name), writerSchema);
    for (const service of SERVICES) for (const text of data.danger[service]) examples.push({ text, label: 'danger', service });
    for (const text of data.safe) examples.push({ text, label: 'safe' });
    const numbers = Array.isArray(data.numbers) ? { any: data.numbers } : data.numbers;
    for (const [key, texts] of Object.entries(numbers)) {
      const service = key === 'any' ? undefined : (key as EmergencyService);
      for (const text of texts) examples.push({ text, label: 'numbers', service });
    }
  }
  const { hour_asked: hourAsked, local_units: localUnits, any_service: anyService, hearsay_opens: hearsayOpens, hearsay_says: hearsaySays, to_come: toCome, ...rules } = lexicon;
  return { ...rules, hourAsked, localUnits, anyService, hearsayOpens, hearsaySays, toCome, examples };
}
