import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../ui/error-message.js';
import { nextStepsOf, onlineHref, procedureHref, ticketChoiceOf, type AskResult, type AssistantNextStep, type TicketChoice, type Turn } from './api.js';
import { AnswerText } from './answer-text.js';
import type { Conversation } from './use-conversation.js';

export type Variant = 'portal' | 'kiosk';

/** Suggested first questions (keys of `assistant.suggestions`), the commonest needs first. */
const SUGGESTIONS = ['birth', 'marriage', 'single', 'copy', 'residence', 'business'] as const;

export function Suggestions({ variant, onAsk, disabled }: { variant: Variant; onAsk: (question: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const keys = variant === 'kiosk' ? SUGGESTIONS : SUGGESTIONS.slice(0, 4);
  return (
    <div className="assistant-suggestions" role="group" aria-labelledby={id}>
      <p id={id} className="assistant-suggestions-title">
        {t('assistant.suggestionsLabel')}
      </p>
      <ul role="list">
        {keys.map((key) => (
          <li key={key}>
            <button type="button" className="assistant-suggestion" disabled={disabled} onClick={() => onAsk(t(`assistant.suggestions.${key}`))}>
              {t(`assistant.suggestions.${key}`)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function nameOf(result: AskResult, code: string): string {
  return result.procedures.find((p) => p.code === code)?.name ?? code;
}

function Citations({ result, variant, onNavigate }: { result: AskResult; variant: Variant; onNavigate: (() => void) | undefined }) {
  const { t } = useTranslation();
  if (result.citations.length === 0) return null;
  return (
    <div className="assistant-citations">
      <p className="assistant-citations-title">{t('assistant.sources')}</p>
      <ul role="list">
        {result.citations.map((c) => (
          <li key={c.code}>
            {/* The kiosk stays on its own screen: a link would leave the ticket flow. */}
            {variant === 'portal' ? (
              <Link to={procedureHref(c.code, c.url)} onClick={onNavigate} lang="vi">
                {nameOf(result, c.code)}
              </Link>
            ) : (
              <span className="assistant-citation-name" lang="vi">
                {nameOf(result, c.code)}
              </span>
            )}{' '}
            <span className="assistant-citation-code">{t('assistant.sourceCode', { code: c.code, field: c.field })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Did you mean …?": the candidate procedures as answers to the clarifying question. */
function ClarifyOptions({ turn, onAsk, disabled }: { turn: Turn; onAsk: (question: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const options = turn.result.procedures.slice(0, 3);
  if (!turn.result.clarifyingQuestion || options.length < 2) return null;
  return (
    <ul className="assistant-options" role="list" aria-label={t('assistant.clarifyOptions')}>
      {options.map((p) => (
        <li key={p.code}>
          <button type="button" className="assistant-option" disabled={disabled} lang="vi" onClick={() => onAsk(`${p.name}: ${turn.question}`)}>
            {p.name}
          </button>
        </li>
      ))}
    </ul>
  );
}

interface ActionProps {
  result: AskResult;
  variant: Variant;
  conversation: Conversation;
  onTicket: ((choice: TicketChoice) => void) | undefined;
  onNavigate: (() => void) | undefined;
}

function Step({ step, result, variant, onTicket, onNavigate }: { step: AssistantNextStep } & Omit<ActionProps, 'conversation'>) {
  const { t } = useTranslation();
  switch (step.kind) {
    case 'ticket': {
      const choice = ticketChoiceOf(step, result);
      if (variant === 'kiosk' && onTicket && choice) {
        return (
          <button type="button" className="kiosk-button kiosk-button-primary assistant-ticket" onClick={() => onTicket(choice)}>
            <span>{t('assistant.takeTicket')}</span>
            {step.fieldName && <span className="assistant-ticket-field">{t('assistant.ticketField', { field: step.fieldName })}</span>}
          </button>
        );
      }
      return step.fieldName ? <p className="assistant-note">{t('assistant.ticketAtCenter', { field: step.fieldName })}</p> : null;
    }
    case 'online':
      return variant === 'portal' ? (
        <Link className="button button-primary button-small assistant-online" to={onlineHref(step.procedureCode)} onClick={onNavigate}>
          {t('assistant.online')}
        </Link>
      ) : (
        <p className="assistant-note">{t('assistant.onlineKiosk')}</p>
      );
    case 'lookup':
      return variant === 'portal' ? (
        <Link className="button button-secondary button-small" to={`/tra-cuu/${encodeURIComponent(step.dossierCode)}`} onClick={onNavigate}>
          {t('assistant.lookup', { code: step.dossierCode })}
        </Link>
      ) : (
        <p className="assistant-note">{t('assistant.lookupKiosk', { code: step.dossierCode })}</p>
      );
    default:
      return null; // "human" is the hand-off button, always offered below.
  }
}

/** Steps shown as a sentence rather than a button (on this kind of screen). */
function isNote(step: AssistantNextStep, variant: Variant): boolean {
  if (step.kind === 'ticket') return variant === 'portal';
  if (step.kind === 'online' || step.kind === 'lookup') return variant === 'kiosk';
  return false;
}

/** The next steps of the latest answer: buttons first (a ticket, online submission, the lookup, a person), then notes. */
function Actions({ result, variant, conversation, onTicket, onNavigate }: ActionProps) {
  const { t } = useTranslation();
  const steps = nextStepsOf(result).filter((s) => s.kind !== 'human');
  // A person is the main way forward only when the assistant says so or cannot help.
  const human = result.needsHuman || result.outOfScope;
  const kiosk = variant === 'kiosk';
  const humanClass = kiosk ? `kiosk-button ${human ? 'kiosk-button-primary' : 'kiosk-button-secondary'}` : `button button-small ${human ? 'button-primary' : 'button-secondary'}`;
  const render = (step: AssistantNextStep, i: number) => (
    <Step key={`${step.kind}-${i}`} step={step} result={result} variant={variant} onTicket={onTicket} onNavigate={onNavigate} />
  );
  return (
    <div className="assistant-actions">
      {steps.filter((s) => !isNote(s, variant)).map(render)}
      {!conversation.handedOff && (
        <button type="button" className={`${humanClass} assistant-human`} disabled={conversation.handOffPending} onClick={conversation.handOff}>
          {conversation.handOffPending ? t('assistant.handingOff') : t('assistant.human')}
        </button>
      )}
      {steps.filter((s) => isNote(s, variant)).map(render)}
    </div>
  );
}

function TurnView({ turn, latest, variant, conversation, onTicket, onNavigate }: { turn: Turn; latest: boolean } & Omit<ActionProps, 'result'>) {
  const { t } = useTranslation();
  const r = turn.result;
  return (
    <li className="assistant-turn" data-testid="assistant-turn">
      <div className="assistant-question">
        <span className="visually-hidden">{t('assistant.you')}: </span>
        {turn.question}
      </div>
      <article className={`assistant-answer${r.outOfScope ? ' assistant-answer-oos' : ''}`} aria-label={t('assistant.assistantSays')}>
        {r.outOfScope && <p className="assistant-badge">{t('assistant.outOfScope')}</p>}
        <AnswerText text={r.answer} />
        {r.clarifyingQuestion && !r.answer.includes(r.clarifyingQuestion) && <p className="assistant-clarify">{r.clarifyingQuestion}</p>}
        {latest && <ClarifyOptions turn={turn} onAsk={conversation.send} disabled={conversation.pendingQuestion !== null} />}
        <Citations result={r} variant={variant} onNavigate={onNavigate} />
        {latest && <Actions result={r} variant={variant} conversation={conversation} onTicket={onTicket} onNavigate={onNavigate} />}
      </article>
    </li>
  );
}

export interface ChatProps {
  variant: Variant;
  conversation: Conversation;
  /** Kiosk: continue the ticket flow for this field or procedure. */
  onTicket?: (choice: TicketChoice) => void;
  /** Portal: a link to another page was followed (a phone closes the panel). */
  onNavigate?: () => void;
  /** Focus the question box when the chat appears (the portal panel opening). */
  autoFocus?: boolean;
}

/** The conversation (a live log: new answers are announced) and the question box. */
export function Chat({ variant, conversation, onTicket, onNavigate, autoFocus = false }: ChatProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const { turns, pendingQuestion } = conversation;
  const busy = pendingQuestion !== null;

  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus]);

  // Bring the newest question (and the start of its answer) into view.
  useEffect(() => {
    const log = logRef.current;
    const items = log?.querySelectorAll('.assistant-turn, .assistant-pending, .assistant-system');
    const last = items?.[items.length - 1];
    if (!log || !(last instanceof HTMLElement)) return;
    if (log.scrollHeight > log.clientHeight) log.scrollTop += last.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
    else last.scrollIntoView({ block: 'start' });
  }, [turns.length, busy, conversation.handedOff]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '' || busy) return;
    conversation.send(text);
    setText('');
  };
  const ask = (question: string) => {
    conversation.send(question);
    setText('');
  };

  return (
    <div className={`assistant-chat assistant-${variant}`}>
      <div className="assistant-log" ref={logRef}>
        {turns.length === 0 && (
          <div className="assistant-intro">
            <p className="assistant-greeting">{t('assistant.greeting')}</p>
            <Suggestions variant={variant} onAsk={ask} disabled={busy} />
          </div>
        )}
        {/* role=log: each new answer is read out by screen readers, politely. */}
        <ol className="assistant-turns" role="log" aria-live="polite" aria-label={t('assistant.log')}>
          {turns.map((turn, i) => (
            <TurnView key={turn.id} turn={turn} latest={i === turns.length - 1 && !busy} variant={variant} conversation={conversation} onTicket={onTicket} onNavigate={onNavigate} />
          ))}
          {conversation.handedOff && (
            <li className="assistant-system" role="status">
              {t('assistant.handedOff')}
            </li>
          )}
        </ol>
        {pendingQuestion !== null && (
          <div className="assistant-pending">
            <div className="assistant-question">{pendingQuestion}</div>
            <p className="loading" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('assistant.thinking')}
            </p>
          </div>
        )}
        {conversation.askError !== null && <ErrorMessage error={conversation.askError} onRetry={conversation.retry} />}
        {conversation.handOffNothing && <p className="alert alert-info">{t('assistant.handOffNothing')}</p>}
        {conversation.handOffError !== null && <ErrorMessage error={conversation.handOffError} />}
      </div>
      <form className="assistant-form" onSubmit={submit}>
        <label htmlFor={inputId} className={variant === 'portal' ? 'visually-hidden' : 'assistant-form-label'}>
          {t('assistant.questionLabel')}
        </label>
        <div className="assistant-form-row">
          <input
            id={inputId}
            ref={inputRef}
            type="text"
            autoComplete="off"
            enterKeyHint="send"
            maxLength={1000}
            value={text}
            placeholder={t('assistant.placeholder')}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className={variant === 'kiosk' ? 'kiosk-button kiosk-button-primary' : 'button button-primary'} disabled={busy || text.trim() === ''}>
            {t('assistant.send')}
          </button>
        </div>
        <p className="assistant-disclaimer">{t('assistant.disclaimer')}</p>
      </form>
    </div>
  );
}
