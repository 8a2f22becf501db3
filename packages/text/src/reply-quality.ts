/**
 * Reply-quality advice: scores a reply against its question before it is sent. Each check is a
 * visible reason (advice, not a block): does the reply address the question, state concrete
 * measures, a time frame, a responsible contact, the legal or policy basis, and is it more than
 * a template.
 */
import { findPii } from './pii';
import { placeMarkedShingles } from './shingles';

/** Check ids, stable for the web app's translations. */
export type ReplyCheckId = 'addresses' | 'measures' | 'timeframe' | 'contact' | 'basis' | 'substance';

/** One check result. */
export interface ReplyCheck {
  /** Stable id. */
  id: ReplyCheckId;
  /** Whether the reply passes. */
  passed: boolean;
  /** Points the check is worth (they sum to 100). */
  weight: number;
  /** Advice in Chinese. */
  message_zh: string;
  /** Advice in English. */
  message_en: string;
}

/** The result of {@link checkReply}. */
export interface ReplyQuality {
  /** 0–100: the weights of the passed checks. */
  score: number;
  /** Every check, in a fixed order. */
  checks: ReplyCheck[];
}

/** The question being answered. */
export interface ReplyQuestion {
  /** Title of the case. */
  title?: string;
  /** Content of the case. */
  body?: string;
}

const MEASURES =
  /已(?:安排|派|责令|督促|要求|对|将|经|完成|开展|组织|联系|协调|修复|维修|清理|拆除|整改|更换|安装|处理|查处|立案|约谈|落实|核实|调查)|(?:进行了|开展了|组织了)|现场(?:查看|核查|勘查|调查|检查)|责令|立即|整改|维修|修复|清理|拆除|查处|处罚|约谈|更换|安装|铺设|补种|疏通|下达|督办|将于|计划|拟/u;
const TIMEFRAME =
  /\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d+\s*个?(?:工作日|日|天|周|星期|月|小时)(?:内|之内|以内)|(?:年底|月底|年内|近期|近日|本周|下周|本月|下月|春节)前?(?:完成|解决|到位|实施|开工|竣工)|(?:预计|计划|争取)[^。；]{0,20}(?:完成|竣工|开工|投入使用|解决)|将于/u;
const CONTACT_WORDS =
  /联系电话|联系方式|联系人|咨询电话|服务电话|热线|致电|拨打|来电|电话[:：]?\s*\d|(?:科|股|办|所|站|中心|大队|中队|局)(?:负责人|工作人员|同志)|[\p{Script=Han}]{1,3}(?:先生|女士|科长|主任|站长|所长|队长)/u;
const BASIS =
  /根据《|依据|依照|按照《|按照[^。]{0,20}(?:规定|要求|标准|政策|办法)|《[^》]{2,40}(?:法|条例|规定|办法|细则|意见|通知|标准|规范|政策)》|相关规定|有关规定|政策规定|法律规定|第[一二三四五六七八九十百\d]+条/u;
const TEMPLATE =
  /感谢您(?:的来信|对我们工作的(?:关心|支持|信任|理解)(?:[、和与]?(?:关心|支持|信任|理解|监督))*)|您的(?:来信|留言)(?:已)?收悉|已转(?:交)?(?:至)?(?:相关|有关)(?:部门|单位)(?:处理|办理)?|转(?:交)?(?:相关|有关)部门(?:处理|研究)?|(?:正在|将|会)(?:进一步)?(?:研究|调查了解)|高度重视|及时处理|认真研究|予以关注|再次感谢[^。]*|网友[^：:]{0,20}[：:]?\s*您好[！!，,]?|您好[！!，,]?/gu;

function keyShingles(question: ReplyQuestion): string[] {
  const fromTitle = placeMarkedShingles(question.title ?? '').filter((s) => !s.place);
  const source = fromTitle.length >= 3 ? fromTitle : placeMarkedShingles(`${question.title ?? ''} ${question.body ?? ''}`).filter((s) => !s.place);
  return source.map((s) => s.text).filter((s) => s.length === 2);
}

/** Share of the question's key shingles (title bigrams outside place names) that the reply mentions. */
export function questionCoverage(question: ReplyQuestion, reply: string): number {
  const keys = keyShingles(question);
  if (!keys.length) return 1;
  const replyShingles = new Set(placeMarkedShingles(reply).map((s) => s.text));
  return keys.filter((k) => replyShingles.has(k)).length / keys.length;
}

/** The reply with template phrases (thanks, "forwarded to the department", "under study") removed. */
export function withoutTemplate(reply: string): string {
  return reply.replace(TEMPLATE, '').replace(/[\s，。！、,.!]+/g, '');
}

/** Scores `reply` against `question`. */
export function checkReply(question: ReplyQuestion, reply: string): ReplyQuality {
  const text = reply.trim();
  // The date a reply is signed with is not a time frame.
  const body = text.replace(/\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?[。.\s]*$/u, '');
  const coverage = questionCoverage(question, text);
  const substance = withoutTemplate(text).length;
  const hasContact = CONTACT_WORDS.test(text) || findPii(text).some((m) => m.kind === 'mobile' || m.kind === 'landline') || /0\d{2,3}-\d{3,}/.test(text);
  const checks: ReplyCheck[] = [
    {
      id: 'addresses',
      passed: coverage >= 0.3,
      weight: 25,
      message_zh:
        coverage >= 0.3
          ? `回复回应了问题要点（覆盖 ${Math.round(coverage * 100)}%）`
          : `回复未回应问题要点（仅覆盖 ${Math.round(coverage * 100)}%），请针对反映的具体问题作答`,
      message_en:
        coverage >= 0.3
          ? `Addresses the question (${Math.round(coverage * 100)}% of its key terms)`
          : `Does not address the question (${Math.round(coverage * 100)}% of its key terms); answer the specific issue raised`,
    },
    {
      id: 'measures',
      passed: MEASURES.test(text),
      weight: 20,
      message_zh: MEASURES.test(text) ? '写明了具体处理措施' : '未写明具体处理措施（已做什么、将做什么）',
      message_en: MEASURES.test(text) ? 'States concrete measures' : 'States no concrete measures (what was or will be done)',
    },
    {
      id: 'timeframe',
      passed: TIMEFRAME.test(body),
      weight: 15,
      message_zh: TIMEFRAME.test(body) ? '给出了时间节点' : '未给出办理时限或时间节点',
      message_en: TIMEFRAME.test(body) ? 'Gives a time frame' : 'Gives no time frame or date',
    },
    {
      id: 'contact',
      passed: hasContact,
      weight: 15,
      message_zh: hasContact ? '留有责任部门或联系人' : '未留联系电话、责任部门或联系人',
      message_en: hasContact ? 'Names a responsible contact' : 'Names no responsible department, person or phone number',
    },
    {
      id: 'basis',
      passed: BASIS.test(text),
      weight: 15,
      message_zh: BASIS.test(text) ? '说明了法律或政策依据' : '未说明法律、法规或政策依据',
      message_en: BASIS.test(text) ? 'Cites a legal or policy basis' : 'Cites no legal or policy basis',
    },
    {
      id: 'substance',
      passed: substance >= 40,
      weight: 10,
      message_zh: substance >= 40 ? '回复有实质内容' : '回复基本是套话（如“已转相关部门”“感谢您的来信”），缺少实质内容',
      message_en: substance >= 40 ? 'Has substance beyond set phrases' : 'Is mostly set phrases ("forwarded to the department", "thank you for your letter")',
    },
  ];
  return { score: checks.reduce((sum, c) => sum + (c.passed ? c.weight : 0), 0), checks };
}
