import type { ReactNode } from 'react';

const BULLET = /^\s*(?:[-•*+]|\d{1,2}[.)])\s+/u;

/**
 * The answer as paragraphs and lists: the server writes plain text with one item per line
 * ("- Giấy chứng sinh …"). No HTML is ever interpreted; emphasis markers are dropped.
 */
export function AnswerText({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length === 0) return;
    blocks.push(
      <ul key={`ul-${blocks.length}`} className="assistant-list">
        {items.map((item, i) => (
          <li key={`${i}-${item}`}>{item}</li>
        ))}
      </ul>,
    );
    items = [];
  };
  for (const raw of text.replace(/\*\*/gu, '').split(/\r?\n/u)) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    if (BULLET.test(line)) {
      items.push(line.replace(BULLET, ''));
      continue;
    }
    flush();
    blocks.push(<p key={`p-${blocks.length}`}>{line}</p>);
  }
  flush();
  return <div className="assistant-answer-text">{blocks}</div>;
}
