// Lines whose caption says the caller is whispering are marked as whispers (`"delivery": "whisper"`),
// so the audio pipeline renders them as whispers, not at full voice; and nothing else is marked.
import { describe, expect, it } from 'vitest';
import { readSource, scenarioFiles, SCENARIO_DIR } from '$cli/fs-library';
import { ScenarioFile } from '$core/format/scenario';
import { allLinesOf } from '$core/validate/lines';

const scenarios = scenarioFiles([SCENARIO_DIR]).flatMap((file) => {
  const parsed = ScenarioFile.safeParse(JSON.parse(readSource(file).text));
  return parsed.success ? [parsed.data] : [];
});

describe('whispered lines', () => {
  it('marks every line whose caption starts whispering with delivery "whisper", and no other', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
    const wrong: string[] = [];
    let whispered = 0;
    for (const s of scenarios) {
      for (const [line, path] of allLinesOf(s)) {
        const saysWhisper = /^\(whisper(ing|s)?\b/i.test(line.text);
        if (saysWhisper) whispered++;
        if (saysWhisper !== (line.delivery === 'whisper')) {
          wrong.push(`${s.id} ${path}: "${line.text.slice(0, 40)}" delivery ${line.delivery ?? 'out loud'}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(whispered).toBeGreaterThan(50);
  });
});
