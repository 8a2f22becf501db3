/**
 * Canned replies that fill the reply box. The text goes to the citizen, so it is Chinese
 * whatever the console's language; only the names are translated.
 */

/** One canned reply. */
export interface ReplyTemplate {
  key: string;
  /** i18n key of its name. */
  labelKey: string;
  text: string;
}

export const REPLY_TEMPLATES: readonly ReplyTemplate[] = [
  {
    key: 'resolved',
    labelKey: 'caseActions.templates.resolved',
    text: '您好！您反映的问题我们已收悉。经现场核实，我单位已于  月  日完成处理：（处理情况）。感谢您对我们工作的理解、支持和监督。如有疑问，请联系（联系人、电话）。',
  },
  {
    key: 'explained',
    labelKey: 'caseActions.templates.explained',
    text: '您好！您反映的问题我们已收悉。经调查核实，有关情况如下：（情况说明）。根据（政策依据），（处理意见）。感谢您的理解与支持。',
  },
  {
    key: 'planned',
    labelKey: 'caseActions.templates.planned',
    text: '您好！您反映的问题我们已收悉。经研究，该事项已纳入（计划名称），预计于  年  月前完成。我们将持续跟进办理进度，感谢您的关心与支持。',
  },
  {
    key: 'referred',
    labelKey: 'caseActions.templates.referred',
    text: '您好！您反映的问题经核实不属于我单位职责范围，已转交（单位名称）办理。您也可以直接联系该单位（电话：    ）。感谢您的理解。',
  },
];
