import { el, type Dispose } from '../dom.js';
import { randomRoomName } from '../room-names.js';
import { isRoomName, normalizeRoomInput } from '../route.js';

/** The front door: start a new room, or join one by name or link. */
export function renderLanding(root: HTMLElement, goToRoom: (room: string) => void): Dispose {
  const create = el('button', { class: 'btn primary big', text: 'Start a new call', attrs: { type: 'button' } });
  create.addEventListener('click', () => goToRoom(randomRoomName()));

  const input = el('input', {
    attrs: {
      type: 'text',
      name: 'room',
      placeholder: 'Room name or link',
      autocomplete: 'off',
      'aria-label': 'Room name or link',
      maxlength: '200',
    },
  });
  const problem = el('p', { class: 'form-error', attrs: { role: 'alert' } });
  const form = el(
    'form',
    { class: 'join-form' },
    input,
    el('button', { class: 'btn', text: 'Join', attrs: { type: 'submit' } }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const room = normalizeRoomInput(input.value);
    if (!isRoomName(room)) {
      problem.textContent = 'Type a room name: letters, digits, dots, dashes or underscores.';
      input.focus();
      return;
    }
    goToRoom(room);
  });

  root.append(
    el(
      'main',
      { class: 'landing' },
      el(
        'div',
        { class: 'landing-card' },
        el('h1', { class: 'logo', text: 'Parley' }),
        el('p', {
          class: 'lead',
          text: 'Video calls, chat and files — straight from browser to browser, on your own server.',
        }),
        create,
        el('p', { class: 'or', text: 'or join a room' }),
        form,
        problem,
      ),
    ),
  );
  return () => {};
}
