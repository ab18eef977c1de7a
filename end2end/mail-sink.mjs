// A small SMTP server for the browser tests: the e2e server sends its e-mails here, and each
// message is written, decoded, to `dir` as JSON ({ to, subject, body }), where the tests read
// it (mail.mjs). Enough of RFC 5321 for lettre: EHLO, MAIL, RCPT, DATA, QUIT.
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

function decodeWords(value) {
  return value
    .split(/\s+/)
    .map((word) => {
      const m = /^=\?utf-8\?b\?(.*)\?=$/i.exec(word);
      return m ? Buffer.from(m[1], "base64").toString("utf8") : `${word} `;
    })
    .join("")
    .trim();
}

function decode(to, lines) {
  const blank = lines.indexOf("");
  const headers = lines.slice(0, blank);
  let subject = "";
  let inSubject = false;
  for (const line of headers) {
    if (line.startsWith("Subject: ")) {
      inSubject = true;
      subject += decodeWords(line.slice(9));
    } else if (inSubject && /^[ \t]/.test(line)) {
      subject += decodeWords(line.trim());
    } else {
      inSubject = false;
    }
  }
  const body = Buffer.from(lines.slice(blank + 1).join(""), "base64").toString("utf8");
  return { to, subject, body };
}

/** Listens on a free port of 127.0.0.1; resolves to the port. */
export function startMailSink(dir) {
  let count = 0;
  const server = createServer((socket) => {
    let buffer = "";
    let to = "";
    let data = null;
    socket.write("220 e2e ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let end;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line === ".") {
            count += 1;
            const message = decode(to, data);
            writeFileSync(join(dir, `${Date.now()}-${String(count).padStart(4, "0")}.json`), JSON.stringify(message));
            data = null;
            socket.write("250 queued\r\n");
          } else {
            data.push(line.startsWith("..") ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-e2e\r\n250 8BITMIME\r\n");
        else if (verb === "RCPT") {
          to = (/<([^>]*)>/.exec(line) ?? [])[1] ?? "";
          socket.write("250 OK\r\n");
        } else if (verb === "DATA") {
          data = [];
          socket.write("354 go on\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
        } else socket.write("250 OK\r\n");
      }
    });
    socket.on("error", () => {});
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ port: server.address().port, server })));
}
