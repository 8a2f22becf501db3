/** Words of the citizen's booking page (look up and cancel a reception booking), zh-CN first. */
import type { Language } from '../shared/language';

const zh = {
  title: '我的接待预约',
  intro: '输入预约码和预约时填写的手机号后四位，可以查看预约并取消。取消后名额会让给其他群众。',
  code: '预约码',
  verify: '手机号后四位',
  find: '查询预约',
  errCode: '请输入预约码。',
  errVerify: '请输入手机号后四位数字。',
  notFound: '没有找到这个预约，请核对预约码和手机号后四位。',
  limited: '尝试次数过多，请稍后再试。',
  failed: '操作没有成功，请稍后再试。',
  when: '时间',
  where: '地点',
  deputies: '接待代表',
  topic: '反映事项',
  status: '状态',
  booked: '已预约',
  cancelled: '已取消',
  attended: '已到场',
  no_show: '未到场',
  receptionCancelled: '本场接待已取消，请另选时间。',
  cancel: '取消预约',
  confirm: '确定取消这个预约吗？',
  confirmYes: '确定取消',
  keep: '保留预约',
  done: '预约已取消，名额已释放。',
  notCancellable: '接待已开始或已结束，不能再取消。',
  manage: '查看或取消预约',
};

const en: typeof zh = {
  title: 'My reception booking',
  intro: 'Enter the booking code and the last 4 digits of the phone you booked with to see and cancel the booking. A cancelled place goes to someone else.',
  code: 'Booking code',
  verify: 'Last 4 digits of the phone',
  find: 'Find booking',
  errCode: 'Please enter the booking code.',
  errVerify: 'Please enter the last 4 digits of your phone.',
  notFound: 'No booking found; check the code and the last 4 digits.',
  limited: 'Too many attempts; please try again later.',
  failed: 'That did not work; please try again later.',
  when: 'When',
  where: 'Where',
  deputies: 'Deputies',
  topic: 'Your topic',
  status: 'Status',
  booked: 'Booked',
  cancelled: 'Cancelled',
  attended: 'Attended',
  no_show: 'Did not come',
  receptionCancelled: 'This reception was cancelled; please choose another time.',
  cancel: 'Cancel booking',
  confirm: 'Cancel this booking?',
  confirmYes: 'Yes, cancel',
  keep: 'Keep it',
  done: 'Your booking is cancelled and the place is free again.',
  notCancellable: 'The reception has begun or is over; it can no longer be cancelled.',
  manage: 'See or cancel your booking',
};

/** A booking-page key. */
export type BookingKey = keyof typeof zh;

/** Translator for the current language. */
export function bookingText(language: Language): (key: BookingKey) => string {
  const table = language === 'en' ? en : zh;
  return (key) => table[key];
}
