import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveSnapshot } from '../../lib/event-stream.js';
import { asQueueMessage } from '../../lib/queue-message.js';
import { useNow } from '../../lib/use-now.js';
import { Loading } from '../../ui/loading.js';
import { useDocumentTitle } from '../../ui/use-document-title.js';
import { DeviceGate } from '../device/device-gate.js';
import { boardKeys, useBoard } from './api.js';
import { BoardCalls, BoardClock, BoardCounters, BoardWaiting } from './board-parts.js';
import { useAnnouncer } from './voice/use-announcer.js';
import { VoiceControls } from './voice/voice-controls.js';
import '../../styles/board.css';

const STREAM = '/api/queue/stream';

/**
 * The hall's display board (a TV, 1920×1080; also 1366×768): the newest call very large, the
 * calls before it, what every open counter serves, people waiting per field, the center's name
 * and a ticking clock. Calls arriving on the live stream are announced (chime + voice, queued,
 * repeated on recall); the snapshot itself is never announced. When the stream drops, the board
 * says so, keeps showing the last snapshot, reconnects with back-off and refetches.
 */
function Board() {
  const { t } = useTranslation();
  const board = useBoard();
  const voice = useAnnouncer();
  const status = useLiveSnapshot(STREAM, {
    keys: [boardKeys.board()],
    onMessage: (data) => {
      const m = asQueueMessage(data);
      if (!m || m.ticket === undefined || m.counter === undefined) return;
      const call = { ticket: m.ticket, counter: m.counter };
      if (m.type === 'ticket.called') voice.announce(call);
      else if (m.type === 'ticket.recalled') voice.recall(call);
    },
  });

  // The clock follows the server's time (a TV's own clock is often wrong).
  const offset = useRef(0);
  useEffect(() => {
    if (board.data) offset.current = new Date(board.data.now).getTime() - Date.now();
  }, [board.data]);
  const tick = useNow(1000);
  const now = new Date(tick.getTime() + offset.current);

  const offline = status === 'offline';
  const data = board.data;
  return (
    <div className={`board${offline ? ' board-offline' : ''}`}>
      <header className="board-header">
        <span className="board-mark" aria-hidden="true">
          ★
        </span>
        <h1 className="board-title">{data?.centerName ?? t('app.title')}</h1>
        <BoardClock now={now} />
      </header>
      {offline && (
        <p className="board-banner" role="alert">
          {t('board.offline')}
        </p>
      )}
      <VoiceControls voice={voice} />
      {data ? (
        <main className="board-main" id="main">
          <BoardCalls calls={data.calls} speaking={voice.speaking} />
          <BoardCounters counters={data.counters} />
          <BoardWaiting fields={data.fields} />
        </main>
      ) : (
        <main className="board-main board-loading" id="main">
          <Loading />
        </main>
      )}
    </div>
  );
}

/** /man-hinh — the display board (a display device token). */
export function BoardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('board.title'));
  return <DeviceGate kind="display">{() => <Board />}</DeviceGate>;
}
