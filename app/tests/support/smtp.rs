//! A real SMTP server on 127.0.0.1 for the e-mail tests: it speaks enough of RFC 5321 for
//! lettre (EHLO, MAIL, RCPT, DATA, QUIT) and keeps what it receives. `refuse_rcpt` makes it
//! answer 550 to every recipient, as a server does for an address that does not exist.
use std::sync::{Arc, Mutex};

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A message as received: its envelope recipient, decoded subject and body.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: String,
    pub subject: String,
    pub body: String,
}

pub struct SmtpServer {
    pub port: u16,
    pub received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl SmtpServer {
    /// Listens on `port` (0: any free port).
    pub async fn start(port: u16, refuse_rcpt: bool) -> SmtpServer {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let sink = received.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(session(socket, sink.clone(), refuse_rcpt));
            }
        });
        SmtpServer {
            port,
            received,
            task,
        }
    }

    /// Stops listening: connections are refused from now on.
    pub fn stop(self) -> u16 {
        self.task.abort();
        self.port
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// A port nothing listens on (for "the mail server is down").
pub async fn free_port() -> u16 {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    listener.local_addr().unwrap().port()
}

async fn session(
    socket: tokio::net::TcpStream,
    sink: Arc<Mutex<Vec<Received>>>,
    refuse_rcpt: bool,
) {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read).lines();
    let _ = write.write_all(b"220 test ESMTP\r\n").await;
    let mut to = String::new();
    while let Ok(Some(line)) = lines.next_line().await {
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250-test\r\n250 8BITMIME\r\n",
            "MAIL" => b"250 OK\r\n",
            "RCPT" if refuse_rcpt => b"550 5.1.1 no such user\r\n",
            "RCPT" => {
                to = line[line.find('<').unwrap_or(0)..]
                    .trim_matches(['<', '>'])
                    .to_owned();
                b"250 OK\r\n"
            }
            "DATA" => {
                let _ = write.write_all(b"354 go on\r\n").await;
                let mut data = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if line == "." {
                        break;
                    }
                    data.push(line);
                }
                sink.lock().unwrap().push(decode(&to, &data));
                b"250 queued\r\n"
            }
            "QUIT" => {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            }
            _ => b"250 OK\r\n",
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}

/// The subject (RFC 2047 words, folded over lines) and the base64 body, decoded.
fn decode(to: &str, data: &[String]) -> Received {
    let blank = data.iter().position(String::is_empty).unwrap_or(data.len());
    let (headers, body) = data.split_at(blank);
    let mut subject = String::new();
    let mut in_subject = false;
    for line in headers {
        if let Some(value) = line.strip_prefix("Subject: ") {
            in_subject = true;
            subject.push_str(&words(value));
        } else if in_subject && line.starts_with([' ', '\t']) {
            subject.push_str(&words(line.trim()));
        } else {
            in_subject = false;
        }
    }
    let encoded: String = body.iter().map(|l| l.trim()).collect();
    let body = base64::engine::general_purpose::STANDARD
        .decode(encoded.as_bytes())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or(encoded);
    Received {
        to: to.to_owned(),
        subject,
        body,
    }
}

fn words(value: &str) -> String {
    value
        .split_whitespace()
        .map(|word| {
            match word
                .strip_prefix("=?utf-8?b?")
                .or_else(|| word.strip_prefix("=?UTF-8?B?"))
                .and_then(|w| w.strip_suffix("?="))
            {
                Some(b64) => base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_default(),
                None => format!("{word} "),
            }
        })
        .collect::<String>()
        .trim()
        .to_owned()
}
