/**
 * Built-in domain vocabulary for segmentation: liaison-network terms, the towns and streets of
 * the deployment, departments and case categories. Deployments add their own words (unit and
 * department names from the database) when they create a segmenter.
 */

/** Terms of the deputy-liaison domain that a general dictionary splits badly. */
export const DOMAIN_TERMS: readonly string[] = [
  '人大常委会',
  '人大代表',
  '代表联络站',
  '代表联络总站',
  '联络总站',
  '联络站',
  '联络点',
  '站长',
  '12345热线',
  '民生实事',
  '代表建议',
  '议案',
  '人居环境',
  '乡镇卫生院',
  '社区卫生服务中心',
  '物业公司',
  '业委会',
  '业主委员会',
  '停车位',
  '停车费',
  '停车场',
  '路灯',
  '噪音扰民',
  '扰民',
  '油烟',
  '违章建筑',
  '违建',
  '占道经营',
  '共享单车',
  '电动自行车',
  '垃圾分类',
  '污水管网',
  '雨污分流',
  '老旧小区',
  '加装电梯',
  '学区房',
  '社保卡',
  '医保卡',
  '公积金',
  '养老保险',
  '医疗保险',
  '拖欠工资',
  '欠薪',
  '网格员',
  '特色站',
];

/** The towns, streets and development zone of the demo deployment (one liaison station each). */
export const PLACE_NAMES: readonly string[] = [
  '瑞安市',
  '安阳街道',
  '玉海街道',
  '锦湖街道',
  '东山街道',
  '上望街道',
  '莘塍街道',
  '汀田街道',
  '飞云街道',
  '仙降街道',
  '南滨街道',
  '潘岱街道',
  '云周街道',
  '塘下镇',
  '马屿镇',
  '陶山镇',
  '湖岭镇',
  '高楼镇',
  '曹村镇',
  '平阳坑镇',
  '林川镇',
  '桐浦镇',
  '芳庄乡',
  '北麂乡',
  '瑞安经济开发区',
];

/** Departments of the demo deployment. */
export const DEPARTMENT_NAMES: readonly string[] = [
  '市交通运输局',
  '市人力资源和社会保障局',
  '市住房和城乡建设局',
  '市公安局',
  '市农业农村局',
  '市卫生健康局',
  '市发展和改革局',
  '市商务局',
  '市政府办公室',
  '市教育局',
  '市民政局',
  '市科学技术局',
  '市纪委市监委',
  '市自然资源和规划局',
  '生态环境局',
  '市经济和信息化局',
  '市文化和广电旅游体育局',
  '市市场监督管理局',
  '市综合行政执法局',
  '市水利局',
  '市司法局',
  '市医疗保障局',
  '市财政局',
  '综合行政执法局',
  '市场监督管理局',
  '住房和城乡建设局',
  '人力资源和社会保障局',
];

/** Case categories (first level) of the demo deployment. */
export const CATEGORY_NAMES: readonly string[] = [
  '城乡建设',
  '党务政务',
  '国土资源',
  '环境保护',
  '纪检监察',
  '交通运输',
  '经济管理',
  '科技与信息产业',
  '民政',
  '农村农业',
  '商贸旅游',
  '卫生计生',
  '政法',
  '教育文体',
  '劳动和社会保障',
];

/** Every built-in dictionary word. */
export const DOMAIN_DICTIONARY: readonly string[] = [...new Set([...DOMAIN_TERMS, ...PLACE_NAMES, ...DEPARTMENT_NAMES, ...CATEGORY_NAMES])];

/**
 * Words that should also be recognised in their short form: a station named 安阳街道 is often
 * written 安阳; a department 市公安局 as 公安局. Returns the dictionary plus those short forms.
 */
export function withShortForms(words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of words) {
    const word = raw.trim();
    if (!word) continue;
    out.add(word);
    const station = /^(.{2,}?)(?:人大代表联络站|代表联络站|联络站)$/u.exec(word);
    if (station) out.add(station[1]);
    if (/^市.{2,}局$/u.test(word)) out.add(word.slice(1));
  }
  return [...out];
}
