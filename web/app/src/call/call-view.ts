import { ParleyError, type FileTransfer, type Room } from '@parley/sdk';
import { el } from '../dom.js';
import { describeError, describeUnreachable, errorText, isWorthANotice } from '../messages.js';
import { describeStats, qualityOf } from '../quality.js';
import { ChatPanel } from './chat-panel.js';
import { DeviceMenu } from './device-menu.js';
import { controlButton, setControl } from './controls.js';
import { FileItem } from './file-item.js';
import { Notices } from './notices.js';
import { ShareLink } from './share-link.js';
import { displayName, VideoGrid } from './video-grid.js';

export interface CallOptions {
  readonly roomName: string;
  /** Our display name, for the self-view's label ('' when none was given). */
  readonly displayName: string;
  /** Shown once the call is up: why we send no camera or microphone. */
  readonly mediaProblem: string | null;
  /** The call is over: null when the person left, else the reason shown to them. */
  readonly onEnd: (reason: string | null) => void;
}

export interface CallView {
  readonly element: HTMLElement;
  /** Called once the view is in the document and the room is joined. */
  start(): void;
  dispose(): void;
}

/** What the end-to-end tests and a curious developer can reach from the console. */
declare global {
  interface Window {
    __parley?: { readonly room: Room };
  }
}

/**
 * The call: the video grid, the controls, the chat and the notices, all driven by the
 * room's events. Built before `connect()` so no event of the join is missed.
 */
export function renderCall(room: Room, options: CallOptions): CallView {
  // In an SFU room the server forwards the layer that fits each tile; in a mesh this is a no-op.
  const grid = new VideoGrid((peerId, source, width, height) => room.setRenderSize(peerId, width, height, source));
  const notices = new Notices();
  const share = new ShareLink(options.roomName);
  let unread = 0;
  let ended = false;
  /** False while connect() runs: the view is built but not shown yet. */
  let started = false;

  const chat = new ChatPanel(
    (text) => {
      try {
        return room.sendMessage(text);
      } catch (e) {
        notices.show(errorText(e, 'The message could not be sent.'), 'error');
        return null;
      }
    },
    (files) => sendFiles(files),
    () => setChatOpen(false),
  );

  const fileItems = new Map<FileTransfer, FileItem>();
  function showTransfer(transfer: FileTransfer): void {
    if (fileItems.has(transfer)) return;
    const peer = room.getPeer(transfer.peerId);
    const item = new FileItem(transfer, peer ? displayName(peer) : 'someone');
    fileItems.set(transfer, item);
    chat.append(item.element, transfer.direction === 'outgoing');
    if (transfer.direction === 'incoming') noteUnread();
  }

  function sendFiles(files: File[]): void {
    if (room.remotePeers.length === 0) {
      notices.show('Nobody else is here yet to receive the file.', 'warning');
      return;
    }
    for (const file of files) {
      try {
        for (const transfer of room.sendFile(file)) showTransfer(transfer);
      } catch (e) {
        notices.show(errorText(e, 'The file could not be sent.'), 'error');
      }
    }
    setChatOpen(true);
  }

  const mic = controlButton('microphone', 'Microphone');
  const cam = controlButton('camera', 'Camera');
  const screen = controlButton('screen', 'Share screen');
  const devices = new DeviceMenu(room, (e) => notices.show(errorText(e, 'The device could not be used.'), 'error'));
  const chatToggle = controlButton('chat', 'Chat');
  const unreadBadge = el('span', { class: 'unread' });
  unreadBadge.hidden = true;
  chatToggle.append(unreadBadge);
  const leave = controlButton('leave', 'Leave');
  leave.classList.add('danger');
  screen.hidden = !navigator.mediaDevices?.getDisplayMedia;

  const count = el('span', { class: 'count' });
  const layout = el('div', { class: 'call-body' }, grid.element, chat.element);
  const element = el(
    'div',
    { class: 'call' },
    el(
      'header',
      { class: 'topbar' },
      el('span', { class: 'logo small', text: 'Parley' }),
      el('span', { class: 'room-name', text: options.roomName }),
      count,
      share.element,
    ),
    layout,
    el(
      'nav',
      { class: 'controls', attrs: { 'aria-label': 'Call controls' } },
      mic,
      cam,
      devices.element,
      screen,
      chatToggle,
      leave,
    ),
    notices.element,
  );

  function refreshLocal(): void {
    const local = room.localMedia;
    grid.showSelf(local.stream, options.displayName, local.state);
    setControl(mic, local.state.audio, local.microphone !== null, 'Mute microphone', 'Unmute microphone');
    setControl(cam, local.state.video, true, 'Turn camera off', 'Turn camera on');
    setControl(screen, local.state.screen, true, 'Stop sharing', 'Share your screen');
    screen.classList.toggle('active', local.state.screen);
  }

  function refreshCount(): void {
    const n = room.remotePeers.length + 1;
    count.textContent = n === 1 ? 'Just you' : `${n} people`;
  }

  function noteUnread(): void {
    if (layout.classList.contains('chat-open')) return;
    unread += 1;
    unreadBadge.textContent = String(unread);
    unreadBadge.hidden = false;
  }

  function setChatOpen(open: boolean): void {
    layout.classList.toggle('chat-open', open);
    setControl(chatToggle, open, true, 'Hide chat', 'Show chat');
    if (open) {
      unread = 0;
      unreadBadge.hidden = true;
      chat.focus();
    }
  }

  /** Runs a control's action; its failure is a notice, never a broken call. */
  function act(action: () => Promise<void>): void {
    action().then(refreshLocal, (e: unknown) => {
      if (e instanceof ParleyError && e.reason === 'media-denied' && e.message.includes('screen')) return; // cancelled the picker
      notices.show(errorText(e, String(e)), 'error');
      refreshLocal();
    });
  }

  mic.addEventListener('click', () => act(() => room.setMicrophone(!room.localMedia.state.audio)));
  cam.addEventListener('click', () => act(() => room.setCamera(!room.localMedia.state.video)));
  screen.addEventListener('click', () =>
    act(() => (room.localMedia.state.screen ? room.stopScreenShare() : room.startScreenShare())),
  );
  chatToggle.addEventListener('click', () => setChatOpen(!layout.classList.contains('chat-open')));
  // Files dropped anywhere on the call go to everyone.
  element.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    element.classList.add('dropping');
  });
  element.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null || !element.contains(event.relatedTarget as Node))
      element.classList.remove('dropping');
  });
  element.addEventListener('drop', (event) => {
    element.classList.remove('dropping');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    sendFiles(files);
  });
  leave.addEventListener('click', () => {
    ended = true;
    room.leave();
    options.onEnd(null);
  });

  const off = [
    room.on('local-media', refreshLocal),
    room.on('joined', ({ resumed }) => {
      refreshLocal();
      if (resumed) notices.show('Connection restored.');
    }),
    room.on('peer-joined', ({ peer }) => {
      grid.addPeer(peer);
      refreshCount();
      if (started) notices.show(`${displayName(peer)} joined.`);
    }),
    room.on('peer-left', ({ peer, reason }) => {
      notices.setProblem(peer.id, 'call-blocked', null);
      grid.removePeer(peer.id);
      refreshCount();
      notices.show(
        reason === 'timeout' || reason === 'lost'
          ? `${displayName(peer)} lost the connection.`
          : `${displayName(peer)} left.`,
      );
    }),
    room.on('track', ({ peer, stream, source }) => grid.showTrack(peer, stream, source)),
    room.on('track-removed', ({ peer, stream, source }) => {
      if (source === 'screen') grid.removeScreen(peer, stream);
    }),
    room.on('peer-media', ({ peer, media }) => grid.updatePeerMedia(peer, media)),
    room.on('speaker', ({ peerId }) => grid.setSpeaker(peerId !== null && peerId === room.peerId ? 'self' : peerId)),
    room.on('peer-unreachable', ({ peer, cause }) => {
      grid.setQuality(peer.id, 'poor', 'Cannot connect');
      notices.setProblem(peer.id, 'call-blocked', describeUnreachable(displayName(peer), cause));
    }),
    room.on('peer-reachable', ({ peer }) => notices.setProblem(peer.id, 'call-blocked', null)),
    room.on('peer-state', ({ peer, state }) => {
      if (state === 'reconnecting') grid.setQuality(peer.id, 'poor', 'Reconnecting…');
      if (state === 'failed') grid.setQuality(peer.id, 'poor', 'Could not connect');
    }),
    room.on('stats', ({ peer, stats }) => {
      grid.setQuality(peer.id, qualityOf(stats), describeStats(stats));
      grid.addStats(peer.id, stats);
    }),
    room.on('message', (message) => {
      const sender = room.getPeer(message.from);
      chat.add(message, false, sender ? displayName(sender) : undefined);
      noteUnread();
    }),
    room.on('file', ({ transfer }) => {
      showTransfer(transfer);
      fileItems.get(transfer)?.update();
    }),
    room.on('file-progress', ({ transfer }) => fileItems.get(transfer)?.update()),
    room.on('connection-state', ({ state, error }) => {
      notices.setBanner(
        state === 'reconnecting' ? 'Connection lost — restoring it… The call goes on meanwhile.' : null,
      );
      // A failed join is reported by connect() itself; here only a call that was up ends.
      if (state === 'closed' && started && !ended) {
        ended = true;
        options.onEnd(error ? describeError(error.reason, error.message) : 'The connection to the server was closed.');
      }
    }),
    room.on('error', (error) => {
      if (!isWorthANotice(error.reason)) {
        console.warn('parley:', error.reason, error.message);
        return;
      }
      // Media problems last the whole call: keep them until dismissed.
      const lasting =
        error.reason === 'media-denied' || error.reason === 'no-device' || error.reason === 'media-failed';
      if (!started && lasting && options.mediaProblem) return; // the pre-join screen's account is better
      if (started || lasting)
        notices.show(describeError(error.reason, error.message), lasting ? 'warning' : 'error', lasting);
    }),
  ];

  // Closing the tab says goodbye at once; otherwise the server would hold the seat for the
  // resume window and the others would watch a frozen tile until it expires.
  const leaveOnPageHide = (): void => room.leave();

  return {
    element,
    start() {
      started = true;
      window.addEventListener('pagehide', leaveOnPageHide);
      window.__parley = { room };
      refreshLocal();
      refreshCount();
      setChatOpen(window.matchMedia('(min-width: 900px)').matches);
      if (options.mediaProblem) notices.show(options.mediaProblem, 'warning', true);
    },
    dispose() {
      window.removeEventListener('pagehide', leaveOnPageHide);
      for (const remove of off) remove();
      grid.dispose();
      for (const item of fileItems.values()) item.dispose();
      notices.dispose();
      share.dispose();
      devices.dispose();
      if (window.__parley?.room === room) delete window.__parley;
    },
  };
}
