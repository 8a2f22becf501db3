/** Words of the demo outbox page in Chinese. */
export const demoOutboxZh = {
  nav: '演示发件箱',
  title: '演示发件箱',
  intro: '演示环境不真正发送邮件和短信，而是写入日志；这里列出系统“发出”的每一条通知，收件人已脱敏。仅在演示模式下提供。',
  sentAt: '发送时间（北京时间）',
  channel: '渠道',
  channels: { email: '邮件', sms: '短信' },
  recipient: '收件人',
  subject: '主题',
  text: '内容',
  empty: '还没有发出的消息',
  refresh: '刷新',
  total: '共 {{total}} 条',
};
