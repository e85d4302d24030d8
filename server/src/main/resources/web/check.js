// Opens the signaling WebSocket and measures one ping round trip, so that a person who
// opens this page sees at once whether signaling works from their browser.
(function () {
  const status = document.getElementById('status');
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
  document.getElementById('ws-url').textContent = url;
  const socket = new WebSocket(url);
  let sentAt = 0;
  socket.onopen = () => {
    sentAt = performance.now();
    socket.send(JSON.stringify({ type: 'ping' }));
  };
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'pong') {
      status.textContent = 'Signaling works: ping answered in ' + (performance.now() - sentAt).toFixed(1) + ' ms.';
      status.className = 'ok';
      socket.close();
    }
  };
  socket.onerror = () => {
    status.textContent = 'Could not open ' + url + '. Is a proxy in between without WebSocket support?';
    status.className = 'bad';
  };
})();
