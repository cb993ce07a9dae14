import type { QuestionBank } from '../../src/core/format/question-bank';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * The bank's question and phrase ids with their words, for `ask.question`, `requiredQuestions`,
 * `when.asked` and `deescalate.phrase`: an author picks ids here instead of opening the JSON.
 */
export function questionBankTables(bank: QuestionBank): string {
  const questions = [
    '| id | group | the trainee asks | screens for |',
    '| --- | --- | --- | --- |',
    ...bank.questions.map(
      (q) =>
        `| \`${q.id}\` | ${q.group} | ${cell(q.text)} | ${q.screens.map((f) => `\`${f}\``).join(', ')} |`,
    ),
  ];
  const phrases = [
    '| id | the trainee says |',
    '| --- | --- |',
    ...bank.phrases.map((p) => `| \`${p.id}\` | ${cell(p.text)} |`),
  ];
  return `**Questions:**\n\n${questions.join('\n')}\n\n**De-escalation phrases:**\n\n${phrases.join('\n')}`;
}
