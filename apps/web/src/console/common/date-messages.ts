/** Words of the console's date and period pickers (`date-fields.tsx`). */
export const dateFieldsZh = {
  periodKind: '周期类型',
  kinds: { month: '月度', quarter: '季度', year: '年度' },
  choosePeriod: '选择周期',
};

export const dateFieldsEn: typeof dateFieldsZh = {
  periodKind: 'Period type',
  kinds: { month: 'Month', quarter: 'Quarter', year: 'Year' },
  choosePeriod: 'Choose a period',
};
