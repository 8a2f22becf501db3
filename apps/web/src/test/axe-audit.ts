/**
 * Runs axe-core on the current document; colour contrast needs a real browser, so it is off here.
 * happy-dom computes styles slowly (antd injects many rules) and axe asks for the same
 * element's style many times, so styles are memoized for the length of one run.
 */
import axe from 'axe-core';

function memoizeComputedStyle(): () => void {
  const original = window.getComputedStyle.bind(window);
  const cache = new Map<Element, Map<string, CSSStyleDeclaration>>();
  window.getComputedStyle = (element: Element, pseudo?: string | null) => {
    const key = pseudo ?? '';
    let forElement = cache.get(element);
    if (!forElement) {
      forElement = new Map();
      cache.set(element, forElement);
    }
    let style = forElement.get(key);
    if (!style) {
      style = original(element, pseudo);
      forElement.set(key, style);
    }
    return style;
  };
  return () => {
    window.getComputedStyle = original;
  };
}

/** Serious or critical violations (all violations are logged); `within` narrows a slow page to the part under test. */
export async function audit(label: string, within: Element | Document = document): Promise<axe.Result[]> {
  const restore = memoizeComputedStyle();
  let result: axe.AxeResults;
  try {
    result = await axe.run(within, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false } } });
  } finally {
    restore();
  }
  for (const v of result.violations) {
    console.log(`axe ${label}: [${v.impact}] ${v.id}: ${v.help} :: ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
  }
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
