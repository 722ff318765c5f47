// A bare Express server answering one fixed JSON body at GET /json: the
// ceiling the HTTP bench compares the backend's routes with.
'use strict';

const express = require('express');

function listen(json) {
  const app = express();
  app.get('/json', (_req, res) => {
    res.type('application/json').send(json);
  });
  return new Promise(resolve => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ server, port: server.address().port }),
    );
  });
}

module.exports = { listen };

// Started by http.js with fork(): receives the JSON, answers the port.
if (require.main === module && process.send) {
  process.once('message', async ({ json }) => {
    const { port } = await listen(json);
    process.send({ port });
  });
  process.once('disconnect', () => process.exit(0));
  process.once('SIGTERM', () => process.exit(0));
}
