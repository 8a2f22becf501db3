/** zh-CN words of the routing-model page. */
export const routingZh = {
  title: '智能分派模型',
  intro: '用已标注分类的意见训练分派模型，为新件推荐一级分类和承办单位。没有启用的模型时，按分类名称中的关键词推荐。',
  notReady:
    '暂不能训练：已标注 {{labelled}} 件，分布在 {{categories}} 个一级分类；需要至少 {{minLabelled}} 件、至少 2 个一级分类（每类不少于 {{minPerCategory}} 件）。请先在办件时选定分类。',
  ready:
    '可以训练：已标注 {{labelled}} 件，分布在 {{categories}} 个一级分类。新模型须覆盖至少 {{minCovered}} 个一级分类（共 {{totalCategories}} 个），并且比关键词推荐更准，才会自动启用。',
  train: '训练新模型',
  force: '即使未达标也启用',
  queued: '已提交训练任务，完成后会出现在下方列表中。',
  history: '模型记录',
  empty: '还没有训练过模型',
  createdAt: '训练时间',
  status: '状态',
  active: '启用中',
  inactive: '未启用',
  macroF1: '准确度（macro-F1）',
  fallback: '关键词推荐（macro-F1）',
  covered: '覆盖一级分类',
  labelled: '标注件数',
  outcome: '结果说明',
  reasons: {
    first_model: '首个模型，比关键词推荐更准，已启用',
    better: '不比当前模型差，已启用',
    worse_than_active: '比当前启用的模型差，未启用',
    worse_than_fallback: '不比关键词推荐更准，未启用',
    few_categories: '只覆盖 {{covered}} 个一级分类（至少需 {{need}} 个），未启用',
    forced: '未达标，由管理员强制启用',
  },
};
