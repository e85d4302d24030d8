import './style.css';
import { renderLanding } from './pages/landing.js';
import { renderRoomPage } from './pages/room-page.js';
import type { Dispose } from './dom.js';
import { parseRoute, roomPath } from './route.js';

const root = document.querySelector<HTMLElement>('#app');
if (!root) throw new Error('index.html lacks #app');
const appRoot: HTMLElement = root;
let dispose: Dispose = () => {};

function render(): void {
  dispose();
  appRoot.replaceChildren();
  const route = parseRoute(location.pathname);
  switch (route.page) {
    case 'landing':
      document.title = 'Parley';
      dispose = renderLanding(appRoot, goToRoom);
      break;
    case 'room':
      document.title = `${route.room} · Parley`;
      dispose = renderRoomPage(appRoot, route.room, goHome);
      break;
  }
}

function goToRoom(room: string): void {
  history.pushState(null, '', roomPath(room));
  render();
}

function goHome(): void {
  history.pushState(null, '', '/');
  render();
}

window.addEventListener('popstate', render);
render();
