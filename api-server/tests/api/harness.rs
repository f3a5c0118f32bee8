//! An in-process server per test: its own temporary data directory and dist folder, a clock the test can move,
//! and every API answer checked against `openapi.yaml`.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use passregion_api_server::clock::Clock;
use passregion_api_server::config::{Config, RegionData};
use serde_json::Value;
use tempfile::TempDir;
use tower::ServiceExt;

pub const TODAY: &str = "2026-10-01";

pub struct Server {
    pub router: Router,
    pub clock: Clock,
    pub state: passregion_api_server::state::AppState,
    pub dir: TempDir,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    /// The problem's `code`, after checking the media type.
    pub fn problem_code(&self) -> String {
        assert_eq!(self.header("content-type"), "application/problem+json", "{}", String::from_utf8_lossy(&self.body));
        self.json()["code"].as_str().unwrap().to_string()
    }
}

impl Server {
    pub fn start() -> Server {
        Self::with(|_| {})
    }

    /// A server on the sample of 34 establishments, `--dev`, today = [`TODAY`], with `tweak` applied to its configuration.
    pub fn with(tweak: impl FnOnce(&mut Config)) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(dist.join("assets")).unwrap();
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><html lang=\"fr\"><head><script type=\"module\">import init from '/app-0123456789abcdef.js'; init();</script></head><body>Pass'Région</body></html>",
        )
        .unwrap();
        std::fs::write(dist.join("app-0123456789abcdef_bg.wasm"), wasm_bytes()).unwrap();
        std::fs::write(dist.join("app-0123456789abcdef.js"), "export default function init() {}\n".repeat(50)).unwrap();
        let mut config = Config {
            dist,
            data_dir: dir.path().join("data"),
            dev: true,
            today: Some(TODAY.into()),
            public_url: "http://app.test".into(),
            // The sample loads in a blink; tests of the whole region ask for it.
            region_data: RegionData::Sample,
            ..Config::default()
        };
        tweak(&mut config);
        let clock = passregion_api_server::clock_for(&config);
        let (router, state) = passregion_api_server::build(config, clock.clone()).unwrap();
        Server { router, clock, state, dir }
    }

    pub async fn send(&self, req: Request<Body>) -> Resp {
        let method = req.method().to_string();
        let path = req.uri().to_string();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        let body = body.collect().await.unwrap().to_bytes();
        let resp = Resp { status: parts.status, headers: parts.headers, body };
        let encoded = !resp.header("content-encoding").is_empty();
        if path.starts_with("/api/v1") && !encoded {
            super::contract::contract().check(
                &method,
                &path,
                resp.status.as_u16(),
                resp.header("content-type"),
                &resp.body,
            );
        }
        resp
    }

    pub async fn get(&self, uri: &str) -> Resp {
        self.send(Request::get(uri).body(Body::empty()).unwrap()).await
    }

    pub async fn get_lang(&self, uri: &str, lang: &str) -> Resp {
        self.send(Request::get(uri).header("accept-language", lang).body(Body::empty()).unwrap()).await
    }

    pub async fn post_json(&self, uri: &str, body: &Value) -> Resp {
        self.send(
            Request::post(uri).header("content-type", "application/json").body(Body::from(body.to_string())).unwrap(),
        )
        .await
    }

    /// Rows in a table, read through a second connection (WAL lets it read while the server holds its own).
    pub fn count(&self, table: &str) -> i64 {
        let conn = rusqlite_count_conn(self);
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    /// (applications, photos, tokens, idempotency keys, outbox)
    pub fn counts(&self) -> [i64; 5] {
        ["applications", "photos", "activation_tokens", "idempotency_keys", "outbox"].map(|t| self.count(t))
    }
}

fn rusqlite_count_conn(s: &Server) -> rusqlite::Connection {
    rusqlite::Connection::open(s.dir.path().join("data").join(passregion_api_server::db::FILE_NAME)).unwrap()
}

/// A minimal valid WebAssembly module (magic and version), padded so compression has something to do.
fn wasm_bytes() -> Vec<u8> {
    let mut v = b"\0asm\x01\0\0\0".to_vec();
    // A custom section named "pad" full of zeros.
    let payload = 4000usize;
    v.push(0);
    let mut size = payload + 4;
    while size >= 0x80 {
        v.push((size as u8 & 0x7f) | 0x80);
        size >>= 7;
    }
    v.push(size as u8);
    v.extend_from_slice(&[3, b'p', b'a', b'd']);
    v.extend(std::iter::repeat_n(0u8, payload));
    v
}
