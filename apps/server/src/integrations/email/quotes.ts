// The new text of an emailed reply: what is above the quoted history. A minimal version (cut at
// the first quoted line or "On … wrote:"); the fuller one, with samples of common mail clients
// and signatures, replaces it.
export function extractReply(mail: { text?: string; html?: string | false }): string {
  const text = mail.text ?? (mail.html ? mail.html.replace(/<[^>]*>/g, ' ') : '');
  const kept: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line.startsWith('>') || /^On .* wrote:$/.test(line.trim())) break;
    kept.push(line);
  }
  return kept.join('\n').trim();
}
