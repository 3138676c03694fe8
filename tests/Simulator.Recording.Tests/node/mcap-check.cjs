// Reads an MCAP file with the official TypeScript library (@mcap/core) and prints one JSON line:
//   node mcap-check.cjs <file> <node_modules dir> [indexed|stream]
// "indexed" (default) reads with McapIndexedReader and McapStreamReader; "stream" only with McapStreamReader and
// reports how far it got (for truncated files). Message checksum: the sum (mod 2^32) of FNV-1a over each message's
// channel id, log time and data, so it does not depend on the order messages come in.
"use strict";
const fs = require("fs");
const path = require("path");

const [file, modules, mode = "indexed"] = process.argv.slice(2);
const { McapIndexedReader, McapStreamReader } = require(path.join(modules, "@mcap/core"));
const zstd = require(path.join(modules, "@foxglove/wasm-zstd"));
const lz4 = require(path.join(modules, "@foxglove/wasm-lz4"));

const decompressHandlers = {
  zstd: (buffer, size) => zstd.decompress(buffer, Number(size)),
  lz4: (buffer, size) => lz4(buffer, Number(size)),
};

function fnv(hash, bytes) {
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i];
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}

function messageHash(channelId, logTime, data) {
  const head = new Uint8Array(10);
  const view = new DataView(head.buffer);
  view.setUint16(0, channelId, true);
  view.setBigUint64(2, logTime, true);
  return fnv(fnv(2166136261, head), data);
}

function summary(channels, schemas, messages) {
  const counts = {};
  let checksum = 0;
  let bytes = 0;
  for (const m of messages) {
    const topic = channels.get(m.channelId).topic;
    counts[topic] = (counts[topic] ?? 0) + 1;
    checksum = (checksum + messageHash(m.channelId, m.logTime, m.data)) >>> 0;
    bytes += m.data.length;
  }
  return { messages: messages.length, counts, checksum, bytes, schemas: [...schemas.values()].map((s) => s.name).sort() };
}

function streamRead(bytes) {
  const reader = new McapStreamReader({ decompressHandlers, validateCrcs: true });
  reader.append(bytes);
  const channels = new Map();
  const schemas = new Map();
  const messages = [];
  const attachments = [];
  const metadata = [];
  let error = null;
  try {
    for (let record; (record = reader.nextRecord()); ) {
      switch (record.type) {
        case "Schema": schemas.set(record.id, record); break;
        case "Channel": channels.set(record.id, record); break;
        case "Message": messages.push(record); break;
        case "Attachment": attachments.push(record.name); break;
        case "Metadata": metadata.push(record.name); break;
        default: break;
      }
    }
  } catch (e) {
    error = String(e && e.message || e);
  }
  return { ...summary(channels, schemas, messages), attachments: attachments.sort(), metadata: metadata.sort(), done: reader.done(), error };
}

async function indexedRead(bytes) {
  const readable = {
    size: async () => BigInt(bytes.length),
    read: async (offset, length) => bytes.subarray(Number(offset), Number(offset + length)),
  };
  const reader = await McapIndexedReader.Initialize({ readable, decompressHandlers });
  const messages = [];
  for await (const m of reader.readMessages()) {
    messages.push({ channelId: m.channelId, logTime: m.logTime, data: m.data.slice() });
  }
  const attachments = [];
  for await (const a of reader.readAttachments()) {
    attachments.push(a.name);
  }
  const metadata = [];
  for await (const m of reader.readMetadata()) {
    metadata.push(m.name);
  }
  return {
    ...summary(reader.channelsById, reader.schemasById, messages),
    attachments: attachments.sort(),
    metadata: metadata.sort(),
    chunks: reader.chunkIndexes.length,
    // Each summary offset must point at a group that starts with a record of its opcode.
    summaryOffsets: [...reader.summaryOffsetsByOpcode.values()].map((o) => {
      const first = bytes[Number(o.groupStart)];
      return first === o.groupOpcode && o.groupLength > 0n ? o.groupOpcode : -o.groupOpcode;
    }).sort((a, b) => a - b),
    statisticsMessages: reader.statistics ? Number(reader.statistics.messageCount) : -1,
    profile: reader.header.profile,
    library: reader.header.library,
  };
}

(async () => {
  await zstd.isLoaded;
  await lz4.isLoaded;
  const bytes = new Uint8Array(fs.readFileSync(file));
  const result = { stream: streamRead(bytes) };
  if (mode === "indexed") {
    result.indexed = await indexedRead(bytes);
  }
  process.stdout.write(JSON.stringify(result) + "\n");
})().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + "\n");
  process.exit(1);
});
