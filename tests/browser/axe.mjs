// Accessibility checks with axe-core (pinned in package.json): WCAG 2.1 A and AA and axe's best
// practices, in the page as it is, open shadow roots (the widget's) included.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let source;

// What axe checks: the rules tagged with these, and nothing is switched off.
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

// Each violation with its link and one line per element (">>" enters a shadow root), readable
// in ctest's output:
//   heading-order (moderate): Heading levels should only increase by one
//     https://dequeuniversity.com/rules/axe/4.14/heading-order?application=axeAPI
//     deal-search >> h3: Fix any of the following: Heading order invalid
export function describeViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.map((node) => {
      const target = node.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : t)).join(', ');
      const why = (node.failureSummary || '').replace(/\s*\n\s*/g, ' ');
      return `    ${target}: ${why}`;
    });
    return [`  ${v.id} (${v.impact}): ${v.help}`, `    ${v.helpUrl}`, ...nodes].join('\n');
  }).join('\n');
}

// Runs axe in `page` and returns its violations. The pages' CSP (script-src 'self') forbids a
// script tag with the source inline, so the source is evaluated through the DevTools protocol,
// which CSP does not govern; the page itself keeps its CSP.
export async function axeViolations(page) {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(source);
  }
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    // Only what describeViolations needs crosses back.
    return results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, axeTags);
}

// The states checked so far and what axe found in each.
export class AxeReport {
  constructor() {
    this.failures = [];
    this.checked = [];
  }

  async check(page, state) {
    const violations = await axeViolations(page);
    this.checked.push(state);
    if (violations.length) {
      this.failures.push(`${state} (${page.url()}):\n${describeViolations(violations)}`);
    }
  }

  // Throws, with every violation in the message, unless every state passed.
  assertNone() {
    if (this.failures.length) {
      throw new Error(
        `axe-core found violations in ${this.failures.length} of ${this.checked.length} states:\n` +
        this.failures.join('\n'));
    }
  }
}
