/** react-query key of everything about the rota (receptions and rules), so one invalidation refreshes all. */
export const RECEPTIONS_KEY = ['receptions'];
