/** English words of a category's Open311 attributes. */
import type { serviceAttributesZh } from './attribute-messages-zh';

export const serviceAttributesEn: typeof serviceAttributesZh = {
  title: 'Open311 attributes',
  hint: 'Extra questions an Open311 request of this category answers (a sub-category also asks its parent’s); listed in the service definition and checked on submission.',
  add: 'Add attribute',
  remove: 'Remove attribute {{index}}',
  item: 'Attribute {{index}}',
  code: 'Code',
  codeRule: 'Starts with a lower-case letter; lower-case letters, digits and _ only',
  description: 'Question',
  datatype: 'Datatype',
  required: 'Required',
  datatypeDescription: 'Format hint',
  order: 'Order',
  values: 'Choices',
  valueKey: 'Key',
  valueName: 'Name',
  addValue: 'Add choice',
  removeValue: 'Remove choice',
  datatypes: {
    string: 'Short text',
    number: 'Number',
    datetime: 'Date and time',
    text: 'Long text',
    singlevaluelist: 'One of a list',
    multivaluelist: 'Several of a list',
  },
  answers: 'Open311 attributes',
};
