import { controlButton, setControl } from '../call/controls.js';
import { el } from '../dom.js';
import { loadName, saveName } from '../prefs.js';
import type { DeviceKind } from '@parley/sdk';
import { DevicePickers } from '../devices/device-pickers.js';
import { LevelMeter } from './level-meter.js';

/** What the person chose before joining. `stream` is null when capture failed or was refused. */
export interface JoinChoice {
  readonly name: string;
  readonly stream: MediaStream | null;
  readonly microphone: boolean;
  readonly camera: boolean;
  /** Why there is no stream, to tell the person once they are in the call. */
  readonly mediaProblem: string | null;
}

export interface Prejoin {
  /** Stops the preview unless the stream was handed to the call. */
  dispose(): void;
  /** Shows a join failure (room full, server unreachable) and lets them try again. */
  showError(message: string): void;
}

/**
 * The camera preview, display name and mic/camera toggles shown before joining, so nobody
 * enters a call with an unexpected camera on.
 */
export function renderPrejoin(root: HTMLElement, room: string, onJoin: (choice: JoinChoice) => void): Prejoin {
  let stream: MediaStream | null = null;
  let handedOver = false;
  let microphone = true;
  let camera = true;
  let mediaProblem: string | null = null;
  let disposed = false;
  let meter: LevelMeter | null = null;

  const preview = el('video', { class: 'preview-video', attrs: { 'aria-label': 'Your camera preview' } });
  preview.muted = true;
  preview.autoplay = true;
  preview.playsInline = true;
  const previewOff = el('div', { class: 'preview-off', text: 'Starting camera…' });
  const status = el('p', { class: 'notice-inline', attrs: { role: 'status' } });

  const micButton = toggleButton('microphone', () => {
    microphone = !microphone;
    for (const track of stream?.getAudioTracks() ?? []) track.enabled = microphone;
    refresh();
  });
  const camButton = toggleButton('camera', () => {
    camera = !camera;
    for (const track of stream?.getVideoTracks() ?? []) track.enabled = camera;
    refresh();
  });

  const nameInput = el('input', {
    attrs: {
      type: 'text',
      name: 'name',
      maxlength: '64',
      placeholder: 'Your name',
      autocomplete: 'nickname',
      'aria-label': 'Your name',
    },
  });
  nameInput.value = loadName();
  const joinButton = el('button', { class: 'btn primary big', text: 'Join call', attrs: { type: 'submit' } });
  const error = el('p', { class: 'form-error', attrs: { role: 'alert' } });
  const form = el(
    'form',
    { class: 'prejoin-form' },
    el('h1', { text: 'Ready to join?' }),
    el('p', { class: 'room-label' }, 'Room ', el('strong', { text: room })),
    nameInput,
    joinButton,
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    saveName(name);
    error.textContent = '';
    joinButton.disabled = true;
    // Joining before the camera answers would enter the call without camera and microphone,
    // and stop the stream that arrives a moment later: the join waits for the capture attempt.
    joinButton.textContent = captureSettled ? 'Joining…' : 'Waiting for camera…';
    void capture.then(() => {
      if (disposed) return;
      joinButton.textContent = 'Joining…';
      handedOver = stream !== null;
      onJoin({ name, stream, microphone, camera, mediaProblem });
    });
  });

  root.append(
    el(
      'main',
      { class: 'prejoin' },
      el(
        'div',
        { class: 'preview' },
        preview,
        previewOff,
        el('div', { class: 'preview-controls' }, micButton, camButton),
      ),
      el('div', { class: 'prejoin-side' }, form, status),
    ),
  );

  function refresh(): void {
    setControl(
      micButton,
      microphone,
      (stream?.getAudioTracks().length ?? 0) > 0,
      'Mute microphone',
      'Unmute microphone',
    );
    setControl(camButton, camera, (stream?.getVideoTracks().length ?? 0) > 0, 'Turn camera off', 'Turn camera on');
    const showVideo = camera && (stream?.getVideoTracks().length ?? 0) > 0;
    preview.hidden = !showVideo;
    previewOff.hidden = showVideo;
    if (stream && !showVideo) previewOff.textContent = stream.getVideoTracks().length ? 'Camera is off' : 'No camera';
  }

  let captureSettled = false;
  /** Settles once the camera and microphone were given, refused or found missing; never rejects. */
  const capture = captureMedia().finally(() => {
    captureSettled = true;
  });
  void capture.then(startPreview);
  async function captureMedia(): Promise<void> {
    const devices = navigator.mediaDevices;
    if (!devices?.getUserMedia) {
      mediaProblem =
        'This page cannot use a camera or microphone (it needs https or localhost): you can still see and hear the others.';
      return;
    }
    try {
      stream = await devices.getUserMedia({ audio: true, video: true });
    } catch (e) {
      // No camera: try the microphone alone before giving up on sending anything.
      stream = await devices.getUserMedia({ audio: true }).catch(() => null);
      mediaProblem = describeCaptureFailure(e, stream !== null);
    }
  }
  async function startPreview(): Promise<void> {
    if (disposed) {
      stopStream();
      return;
    }
    preview.srcObject = stream;
    if (!stream) previewOff.textContent = 'No camera';
    if (stream?.getAudioTracks().length) {
      meter = new LevelMeter(stream);
      micButton.after(meter.element);
      meter.start();
    }
    if (stream) {
      const previewStream = stream;
      const pickers = new DevicePickers({
        inUse: (kind) => trackOf(previewStream, kind)?.getSettings().deviceId,
        use: async (kind, deviceId) => {
          await swapPreviewTrack(previewStream, kind, deviceId);
          refresh();
        },
      });
      form.insertBefore(pickers.element, joinButton);
      await pickers.load().catch(() => {}); // no pickers is fine: the default devices are in use
    }
    status.textContent = mediaProblem ?? '';
    refresh();
  }

  function stopStream(): void {
    for (const track of stream?.getTracks() ?? []) track.stop();
  }

  refresh();
  previewOff.textContent = 'Starting camera…';
  nameInput.focus();
  return {
    dispose() {
      disposed = true;
      meter?.stop();
      if (!handedOver) stopStream();
    },
    showError(message) {
      handedOver = false;
      joinButton.disabled = false;
      joinButton.textContent = 'Try again';
      error.textContent = message;
    },
  };
}

function trackOf(stream: MediaStream, kind: DeviceKind): MediaStreamTrack | undefined {
  return kind === 'videoinput' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
}

/**
 * Swaps the track of that kind inside the preview stream (the same MediaStream object), so the
 * preview and the stream handed to the call stay one and the same.
 */
async function swapPreviewTrack(stream: MediaStream, kind: DeviceKind, deviceId: string): Promise<void> {
  const constraint = { deviceId: { exact: deviceId } };
  const fresh = await navigator.mediaDevices.getUserMedia(
    kind === 'videoinput' ? { video: constraint } : { audio: constraint },
  );
  const track = fresh.getTracks()[0];
  if (!track) return;
  const old = trackOf(stream, kind);
  if (old) {
    track.enabled = old.enabled; // keep the mute / camera-off choice
    stream.removeTrack(old);
    old.stop();
  }
  stream.addTrack(track);
}

function toggleButton(name: 'microphone' | 'camera', onClick: () => void): HTMLButtonElement {
  const button = controlButton(name, name === 'camera' ? 'Camera' : 'Microphone');
  button.addEventListener('click', onClick);
  return button;
}

function describeCaptureFailure(error: unknown, gotMicrophone: boolean): string {
  const name = error instanceof DOMException ? error.name : '';
  const what = gotMicrophone ? 'camera' : 'camera and microphone';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return `Access to the ${what} is blocked: you can see and hear the others${gotMicrophone ? ' and they can hear you' : ', but they cannot see or hear you'}.`;
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return `No ${what} found: you can see and hear the others${gotMicrophone ? ' and they can hear you' : ''}.`;
  }
  return `The ${what} could not start (is another app using it?): you can still see and hear the others.`;
}
