// Connects to a Foxglove WebSocket server with the official client (@foxglove/ws-protocol), subscribes to every
// advertised channel, decodes the first message of each with its advertised schema (JSON Schema) and prints one JSON
// summary line. Usage: node foxglove-check.cjs <ws-url> <node_modules dir> <timeout seconds>
"use strict";
const path = require("path");
const [, , url, modulesDir, timeoutArg] = process.argv;
const { FoxgloveClient } = require(path.join(modulesDir, "@foxglove", "ws-protocol"));
const WebSocket = require(path.join(modulesDir, "ws"));

const ws = new WebSocket(url, [FoxgloveClient.SUPPORTED_SUBPROTOCOL]);
const client = new FoxgloveClient({ ws });
const channels = new Map();
const subscriptions = new Map();
const received = {};
let serverInfo = null;
const decoder = new TextDecoder();

// The subset of JSON Schema the advertised schemas use: type (or list of types), properties, items, contentEncoding.
function check(value, schema, where, problems) {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  const ok = types.length === 0 || types.some((t) => t === actual || (t === "integer" && actual === "number" && Number.isInteger(value)));
  if (!ok) { problems.push(`${where}: expected ${types.join("|")}, got ${actual}`); return; }
  if (actual === "object" && schema.properties) {
    for (const key of Object.keys(value)) {
      if (!(key in schema.properties)) problems.push(`${where}.${key}: not in the schema`);
      else check(value[key], schema.properties[key], `${where}.${key}`, problems);
    }
  }
  if (actual === "array" && schema.items) value.forEach((v, i) => check(v, schema.items, `${where}[${i}]`, problems));
  if (actual === "string" && schema.contentEncoding === "base64" && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) problems.push(`${where}: not base64`);
}

function finish(code) {
  console.log(JSON.stringify({ subprotocol: ws.protocol, serverInfo, channels: [...channels.values()].map((c) => c.topic), received }));
  ws.close();
  process.exit(code);
}

client.on("serverInfo", (info) => { serverInfo = { name: info.name, sessionId: info.sessionId }; });
client.on("error", (e) => { console.error(`client error: ${e && e.message}`); finish(3); });
client.on("advertise", (advertised) => {
  for (const c of advertised) {
    channels.set(c.id, c);
    subscriptions.set(client.subscribe(c.id), { channel: c, schema: JSON.parse(c.schema) });
  }
});
client.on("message", ({ subscriptionId, timestamp, data }) => {
  const sub = subscriptions.get(subscriptionId);
  if (!sub || received[sub.channel.topic]) return;
  const c = sub.channel;
  const msg = JSON.parse(decoder.decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
  const problems = [];
  check(msg, sub.schema, "$", problems);
  const summary = { schemaName: c.schemaName, encoding: c.encoding, schemaEncoding: c.schemaEncoding, bytes: data.byteLength, timestamp: Number(timestamp), problems };
  if (c.schemaName === "foxglove.CompressedImage") {
    const image = Buffer.from(msg.data, "base64");
    Object.assign(summary, { format: msg.format, frameId: msg.frame_id, imageBytes: image.length, jpeg: image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff });
  } else if (c.schemaName === "foxglove.SceneUpdate") {
    const ents = msg.entities;
    Object.assign(summary, {
      entities: ents.length,
      ids: ents.slice(0, 5).map((e) => e.id),
      cubes: ents.reduce((n, e) => n + e.cubes.length, 0),
      triangles: ents.reduce((n, e) => n + e.triangles.reduce((k, t) => k + t.indices.length / 3, 0), 0),
    });
  } else if (c.schemaName === "foxglove.FrameTransforms") {
    summary.children = msg.transforms.map((t) => t.child_frame_id);
  } else {
    summary.values = msg;
  }
  received[c.topic] = summary;
  if (channels.size > 0 && Object.keys(received).length === channels.size) finish(0);
});
setTimeout(() => finish(4), Number(timeoutArg || 30) * 1000);
