// Writes an MCAP file with the official TypeScript library (@mcap/core McapWriter):
//   node mcap-write.cjs <file> <node_modules dir> <chunked-none|chunked-zstd|unchunked>
// Content (the C# test rebuilds it): schema "test.Schema"; channels "/even" (metadata k=v) and "/odd"; 500 messages,
// message i on /even or /odd by parity, sequence i, log time 1000 + 10 i, publish time i, data of i % 50 bytes
// (byte k = (7 i + k) & 255); attachment "notes.txt"; metadata "info".
"use strict";
const fs = require("fs");
const path = require("path");

const [file, modules, mode] = process.argv.slice(2);
const { McapWriter, TempBuffer } = require(path.join(modules, "@mcap/core"));
const zstd = require(path.join(modules, "@foxglove/wasm-zstd"));

(async () => {
  await zstd.isLoaded;
  const buffer = new TempBuffer();
  const writer = new McapWriter({
    writable: buffer,
    useChunks: mode !== "unchunked",
    chunkSize: 2048,
    compressChunk: mode === "chunked-zstd" ? (data) => ({ compression: "zstd", compressedData: zstd.compress(data, 3) }) : undefined,
  });
  await writer.start({ profile: "", library: "mcap-check" });
  const schema = await writer.registerSchema({ name: "test.Schema", encoding: "jsonschema", data: new TextEncoder().encode("{}") });
  const even = await writer.registerChannel({ schemaId: schema, topic: "/even", messageEncoding: "json", metadata: new Map([["k", "v"]]) });
  const odd = await writer.registerChannel({ schemaId: schema, topic: "/odd", messageEncoding: "json", metadata: new Map() });
  for (let i = 0; i < 500; i++) {
    const data = new Uint8Array(i % 50);
    for (let k = 0; k < data.length; k++) {
      data[k] = (7 * i + k) & 255;
    }
    await writer.addMessage({ channelId: i % 2 === 0 ? even : odd, sequence: i, logTime: BigInt(1000 + 10 * i), publishTime: BigInt(i), data });
  }
  await writer.addAttachment({ name: "notes.txt", mediaType: "text/plain", logTime: 1n, createTime: 2n, data: new TextEncoder().encode("hello") });
  await writer.addMetadata({ name: "info", metadata: new Map([["a", "b"]]) });
  await writer.end();
  fs.writeFileSync(file, buffer.get());
  process.stdout.write(JSON.stringify({ bytes: buffer.get().length }) + "\n");
})().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + "\n");
  process.exit(1);
});
