/** Runs axe-core on the current document; colour contrast needs a real browser, so it is off here. */
import axe from 'axe-core';

/** Serious or critical violations (all violations are logged). */
export async function audit(label: string): Promise<axe.Result[]> {
  const result = await axe.run(document, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false } } });
  for (const v of result.violations) {
    console.log(`axe ${label}: [${v.impact}] ${v.id}: ${v.help} :: ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
  }
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
