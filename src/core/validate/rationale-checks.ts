import type { CenterProfile, DispatchModel } from '../format/profile';
import type { Scenario } from '../format/scenario';
import type { ClockTime, Resource } from '../format/vocabulary';
import { expectedRouting } from '../profiles/expected-routing';
import { withinHours } from '../profiles/hours';
import type { Problem } from './problem';

/** How a rationale names each unit. Co-responder first: its description mentions officers. */
const UNIT_WORDS: [Resource, RegExp][] = [
  ['co-responder', /\bco-responder(?: team)?s?\b/gi],
  ['mobile-crisis', /\b(?:mobile crisis(?: team)?|crisis team|behavioral-health team|field team)s?\b/gi],
  ['embedded-clinician', /\b(?:embedded clinician|center(?:'s)? clinician|clinician in the center)s?\b/gi],
  ['crisis-line', /\b(?:988|crisis line)\b/gi],
  ['ems', /\b(?:EMS|ambulance|paramedics?)\b/g],
  ['police', /\b(?:police|officers?|patrol(?: car)?)\b/gi],
];

/**
 * A sentence that recommends nothing for every center: a negation ("not police"), an error named
 * ("… is the over-policing error"), or a condition ("At a center with…", "where the center has
 * one", "if he would rather"). Only plain recommendations are checked.
 */
const HEDGED =
  /\b(?:not|never|no|without|instead|rather than|isn't|aren't|don't|doesn't|nor|unless|error|mistake|wrong|over-policing|missed diversion|if|where|when|whose|once|until)\b|\bat (?:a|any|the|each|every) centers?\b|\bat centers\b|\bin a center\b/i;

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');

function unitsNamed(sentence: string): Resource[] {
  let rest = sentence;
  const named: Resource[] = [];
  for (const [resource, pattern] of UNIT_WORDS) {
    if (pattern.test(rest)) named.push(resource);
    pattern.lastIndex = 0;
    rest = rest.replace(pattern, ' ');
  }
  return named;
}

/** The times worth checking: every hour, and each edge of a coverage window, inside the story's hours. */
function timesToCheck(s: Scenario, profile: CenterProfile): ClockTime[] {
  const hours = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);
  const edges = profile.resources.flatMap((r) => (r.hours ? [r.hours.from, r.hours.to] : []));
  return [...new Set([s.cad.callTime, ...hours, ...edges])].filter((t) => withinHours(s.cad.storyHours, t));
}

/**
 * Does the author's routing rationale recommend a unit that some center, at some hour, would not
 * expect? The debrief shows this text after the reasons it derives for the center and hour played;
 * a plain "Send the mobile crisis team" read at a center that has none contradicts them. Such a
 * sentence belongs under `routingByModel`, or in a conditional ("At a center with a mobile team…").
 */
export function rationaleProblems(
  s: Scenario,
  profiles: readonly CenterProfile[],
  severity?: 'warning',
): Problem[] {
  const problems: Problem[] = [];
  const byModel = s.answerKey.rationale.routingByModel ?? {};
  const texts: { path: string; text: string; models: DispatchModel[] | undefined }[] = [
    {
      path: '$.answerKey.rationale.routing',
      text: s.answerKey.rationale.routing,
      models: undefined,
    },
    ...Object.entries(byModel).map(([model, text]) => ({
      path: `$.answerKey.rationale.routingByModel.${model}`,
      text,
      models: [model as DispatchModel],
    })),
  ];
  for (const { path, text, models } of texts) {
    const checked = profiles.filter((p) =>
      models ? models.includes(p.model) : byModel[p.model] === undefined,
    );
    for (const sentence of sentencesOf(text)) {
      if (HEDGED.test(sentence)) continue;
      for (const unit of unitsNamed(sentence)) {
        // Every center that would not expect it, each at the first hour it would not.
        const misses = checked.flatMap((p) => {
          const at = timesToCheck(s, p)
            .map((t) => ({ t, e: expectedRouting(s, p, t) }))
            .find(({ e }) => ![e.best, ...e.acceptable].some((o) => o.resources.includes(unit)));
          return at ? [`${p.id} (${p.model}) at ${at.t} expects ${at.e.best.resources.join(' + ')}`] : [];
        });
        if (misses.length > 0) {
          problems.push({
            path,
            message: `"${sentence.trim()}" recommends ${unit}, but ${misses.join('; ')}: ${
              models
                ? 'make the sentence conditional ("When the clinician is on duty, …"), or drop it'
                : `make the sentence conditional ("At a center with …") or give ${misses.length > 1 ? 'those models their' : 'that model its'} own text in routingByModel`
            } (any sentence naming a unit without a condition or a negation counts as a recommendation)`,
            ...(severity ? { severity } : {}),
          });
          break;
        }
      }
    }
  }
  return problems;
}
