//! A small HTTP/1.1 server on 127.0.0.1 for the fake MT providers.
//!
//! Each test scripts the server with a handler that sees every request and answers it
//! with a response, a delayed response, or a connection reset, so tests can reproduce
//! exactly what real services send (their JSON bodies and error bodies, missing or
//! present `Retry-After`) and what networks do (resets, slow answers). It records every
//! request for the test to inspect.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A request as the server read it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
    pub body: String,
    /// When it arrived, from the server's start.
    pub at: Duration,
}

impl Request {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// Every value of a parameter in the query string or a form body, decoded.
    pub fn params(&self, name: &str) -> Vec<String> {
        let query = self.target.split_once('?').map(|(_, q)| q).unwrap_or("");
        let form =
            if self.headers.get("content-type").is_some_and(|t| t.starts_with("application/x-www-form-urlencoded")) {
                self.body.as_str()
            } else {
                ""
            };
        [query, form]
            .iter()
            .flat_map(|q| {
                let url = reqwest::Url::parse(&format!("http://x/?{q}")).unwrap();
                url.query_pairs().filter(|(k, _)| k == name).map(|(_, v)| v.into_owned()).collect::<Vec<_>>()
            })
            .collect()
    }

    pub fn param(&self, name: &str) -> Option<String> {
        self.params(name).into_iter().next()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// How the server answers one request.
pub enum Answer {
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// The same, after a pause.
    Slow(Duration, Box<Answer>),
    /// Reset the connection without answering.
    Reset,
}

impl Answer {
    pub fn json(status: u16, body: serde_json::Value) -> Answer {
        Answer::Respond {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string(),
        }
    }

    pub fn text(status: u16, content_type: &str, body: &str) -> Answer {
        Answer::Respond { status, headers: vec![("Content-Type".into(), content_type.into())], body: body.into() }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Answer {
        if let Answer::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

type Handler = dyn Fn(&Request, usize) -> Answer + Send + Sync;

/// A running fake server; it stops when the test process ends.
pub struct FakeServer {
    pub url: String,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl FakeServer {
    /// Starts a server; `handler` gets each request and its 0-based number.
    pub fn start(handler: impl Fn(&Request, usize) -> Answer + Send + Sync + 'static) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let started = Instant::now();
        let shared = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (handler, requests) = (Arc::clone(&handler), Arc::clone(&shared));
                std::thread::spawn(move || serve(stream, &*handler, &requests, started));
            }
        });
        FakeServer { url, requests }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    /// Requests to `path`.
    pub fn requests_to(&self, path: &str) -> Vec<Request> {
        self.requests().into_iter().filter(|r| r.path() == path).collect()
    }
}

fn serve(stream: TcpStream, handler: &Handler, requests: &Mutex<Vec<Request>>, started: Instant) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
        let mut headers = HashMap::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
            }
        }
        let length: usize = headers.get("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let request = Request {
            method,
            target,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
            at: started.elapsed(),
        };
        let number = {
            let mut all = requests.lock().unwrap();
            all.push(request.clone());
            all.len() - 1
        };
        let mut answer = handler(&request, number);
        while let Answer::Slow(pause, inner) = answer {
            std::thread::sleep(pause);
            answer = *inner;
        }
        match answer {
            Answer::Reset => {
                // SO_LINGER 0: closing sends RST instead of FIN.
                let _ = socket2::SockRef::from(&writer).set_linger(Some(Duration::ZERO));
                return;
            }
            Answer::Respond { status, headers, body } => {
                let mut head = format!("HTTP/1.1 {status} {}\r\nContent-Length: {}\r\n", reason(status), body.len());
                for (k, v) in headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                if writer.write_all(head.as_bytes()).and_then(|_| writer.write_all(body.as_bytes())).is_err() {
                    return;
                }
            }
            Answer::Slow(..) => unreachable!("unwrapped above"),
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        456 => "Quota Exceeded",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
