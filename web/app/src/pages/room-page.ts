import { Room, ParleyError } from '@parley/sdk';
import { renderCall, type CallView } from '../call/call-view.js';
import { el, type Dispose } from '../dom.js';
import { takeAccessToken } from '../access-token.js';
import { describeError } from '../messages.js';
import { renderPrejoin, type JoinChoice, type Prejoin } from './prejoin.js';

/** `/r/<room>`: the pre-join screen, then the call, then a "you left" or error screen. */
export function renderRoomPage(root: HTMLElement, roomName: string, goHome: () => void): Dispose {
  let disposeCurrent: Dispose = () => {};
  let gone = false;
  // Kept for every join from this page: a rejoin after leaving needs it too.
  const token = takeAccessToken();

  function showPrejoin(): Prejoin {
    disposeCurrent();
    root.replaceChildren();
    // The signaling connection opens while the person picks a name and devices, so that
    // joining does not wait for it.
    const room = new Room();
    room.prepare();
    let unused: Room | null = room;
    const prejoin = renderPrejoin(root, roomName, (choice) => {
      const joining = unused ?? new Room();
      unused = null;
      void join(joining, choice);
    });
    disposeCurrent = () => {
      prejoin.dispose();
      unused?.leave();
      unused = null;
    };
    return prejoin;
  }

  async function join(room: Room, choice: JoinChoice): Promise<void> {
    // The call view subscribes before connect() so it sees every event of the join.
    const call = buildCall(room, choice);
    try {
      await room.connect({
        room: roomName,
        ...(choice.name ? { name: choice.name } : {}),
        ...(token ? { token } : {}),
        media: choice.stream ? { stream: choice.stream } : false,
      });
    } catch (e) {
      call.dispose();
      room.leave();
      if (gone) return;
      const error = e instanceof ParleyError ? e : null;
      // The failed room stopped the preview's tracks: start over with a fresh preview.
      showPrejoin().showError(error ? describeError(error.reason, error.message) : 'Could not join the call.');
      return;
    }
    if (gone) {
      room.leave();
      return;
    }
    disposeCurrent();
    root.replaceChildren(call.element);
    disposeCurrent = () => {
      call.dispose();
      room.leave();
    };
    call.start();
    // Toggles from the pre-join screen: applied once the room owns the tracks.
    if (choice.stream && !choice.microphone) await room.setMicrophone(false).catch(() => {});
    if (choice.stream && !choice.camera) await room.setCamera(false).catch(() => {});
  }

  /** The call view, built off-screen so it hears every event of the join. */
  function buildCall(room: Room, choice: JoinChoice): CallView {
    return renderCall(room, {
      roomName,
      displayName: choice.name,
      mediaProblem: choice.mediaProblem,
      onEnd: (reason) => showEnded(reason),
    });
  }

  /** `reason` null: the person left; otherwise why the call ended. */
  function showEnded(reason: string | null): void {
    disposeCurrent();
    disposeCurrent = () => {};
    const rejoin = el('button', { class: 'btn primary', text: 'Rejoin', attrs: { type: 'button' } });
    rejoin.addEventListener('click', () => showPrejoin());
    const home = el('button', { class: 'btn', text: 'Home', attrs: { type: 'button' } });
    home.addEventListener('click', goHome);
    root.replaceChildren(
      el(
        'main',
        { class: 'ended' },
        el(
          'div',
          { class: 'landing-card' },
          el('h1', { text: reason ? 'The call ended' : 'You left the call' }),
          reason ? el('p', { class: 'form-error', text: reason, attrs: { role: 'alert' } }) : null,
          el('div', { class: 'button-row' }, rejoin, home),
        ),
      ),
    );
  }

  showPrejoin();
  return () => {
    gone = true;
    disposeCurrent();
  };
}
