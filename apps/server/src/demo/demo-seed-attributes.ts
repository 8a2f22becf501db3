/**
 * Open311 attributes of a few demo categories, so the service definitions show what a
 * category may ask beyond the description: a street-light pole number for municipal
 * works, and when the noise happens for pollution (a list of times of day).
 */
import type { CategoryAttribute } from '@lianxin/storage';

/** Attributes by second-level category name. */
export const DEMO_CATEGORY_ATTRIBUTES: Record<string, CategoryAttribute[]> = {
  城市建设和市政管理: [
    {
      code: 'pole_number',
      description: '路灯杆号（灯杆上的编号）/ Street-light pole number',
      datatype: 'string',
      required: false,
      datatypeDescription: '例如 AY-0123',
      order: 1,
      values: [],
    },
  ],
  环境污染: [
    {
      code: 'noise_time',
      description: '噪音出现时段 / When the noise happens',
      datatype: 'singlevaluelist',
      required: false,
      datatypeDescription: '',
      order: 1,
      values: [
        { key: 'morning', name: '早晨（6–8时）/ Early morning' },
        { key: 'day', name: '白天 / Daytime' },
        { key: 'evening', name: '傍晚 / Evening' },
        { key: 'night', name: '夜间（22–6时）/ Night' },
      ],
    },
  ],
};
