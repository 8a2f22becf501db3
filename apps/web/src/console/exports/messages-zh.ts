/** Words of exports in zh-CN (merged into the console's messages as `exports`). */
export const exportsZh = {
  button: '导出',
  title: '导出',
  format: '文件格式',
  csv: 'CSV（逗号分隔）',
  xlsx: 'Excel（XLSX）',
  includeContact: '包含反映人完整联系方式',
  includeContactHelp: '默认打码。导出完整联系方式会记入审计日志，请妥善保管文件。',
  maskedNote: '标题、内容和答复中的手机号、身份证号、银行卡号一律打码。',
  start: '开始导出',
  preparing: '正在准备…',
  rows: '已导出 {{done}} / {{total}} 条',
  bytes: '已下载 {{size}}',
  done: '导出完成：{{name}}',
  failed: '导出失败',
  close: '关闭',
};
