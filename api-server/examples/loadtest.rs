//! A small, bounded load and fault test of the reference server, run by `./dev loadtest` (not a timed test: its
//! figures depend on the machine).
//!
//! ```text
//! loadtest --addr 127.0.0.1:PORT [--search-clients 200] [--searches-per-client 5] [--applications 20]
//!          [--hostile 20] [--timeout-secs 60] [--search-p99-ms 100] [--ramp-ms 0]
//! loadtest --check-db DATA_DIR/passregion.sqlite3
//! ```
//!
//! The first form sends, all at the same instant, establishment searches from many clients, valid applications
//! (600×800 JPEG) and "hostile" JPEGs (a real picture behind 24,000 empty metadata segments: half of them
//! extended-XMP APP1 parts that never complete, ~1.9 MB, half bare APPn, ~140 KB), then prints latency
//! percentiles and status counts per class and exits non-zero on a transport error, a 5xx, a slow search p99, a
//! hostile photo accepted or a server that no longer answers. `--ramp-ms` spreads the search clients' first
//! requests over that time instead of opening every connection in the same instant. The second form runs `PRAGMA integrity_check` on the
//! server's SQLite file once the server is stopped.
//!
//! Only loopback addresses are accepted: this is a test of our own server, never a tool to point at someone else's.
//! The HTTP client is a few lines over `TcpStream` (`Connection: close`, one connection per request) so the example
//! needs nothing beyond the crate's dependencies.

use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout_at};

const BOUNDARY: &str = "passregion-loadtest-boundary-3f9c2d7e";
/// Empty segments put in front of the hostile photo, under the 2 MB limit either way: a parser that keeps one entry
/// per segment pays for every one of them, and the image crate's JPEG header parser re-sorts and re-scans its
/// extended-XMP parts after each new one (quadratic: seconds for this file).
const HOSTILE_SEGMENTS: usize = 24_000;
/// Real searches a person types in the establishment combobox: towns, names, UAIs, partial words, accents, upper
/// case, several words, and the empty query (the whole list).
const QUERIES: &[&str] = &[
    "lyon",
    "clermont",
    "0630020E",
    "ampere",
    "sidoine",
    "saint",
    "lyc",
    "clerm",
    "063",
    "0010013J",
    "annecy",
    "grenoble",
    "Clérmont",
    "CLERMONT FERRAND",
    "lycée pro",
    "jean",
    "bourg",
    "valence",
    "saint-etienne",
    "ly",
    "apollinaire",
    "069",
    "charpak",
    "moulins",
    "",
];

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Class {
    Search,
    Application,
    /// 24,000 extended-XMP APP1 parts carrying no data.
    HostileXmp,
    /// 24,000 bare APPn segments (marker and length only).
    HostileApp,
}

impl Class {
    fn label(self) -> &'static str {
        match self {
            Class::Search => "search",
            Class::Application => "application",
            Class::HostileXmp => "hostile JPEG (extended XMP)",
            Class::HostileApp => "hostile JPEG (empty APPn)",
        }
    }

    fn is_hostile(self) -> bool {
        matches!(self, Class::HostileXmp | Class::HostileApp)
    }
}

enum Outcome {
    /// An HTTP answer; `note` says what was wrong with it for its class, if anything (besides 5xx), and `detail`
    /// shows the answer (printed once per kind of note).
    Answer {
        status: u16,
        note: Option<String>,
        detail: String,
    },
    Transport(String),
}

struct Sample {
    class: Class,
    /// Offsets from the common start.
    start: Duration,
    end: Duration,
    /// Time to get the TCP connection: about 1 s or more means the SYN was dropped and retried, i.e. the server's
    /// accept queue was full.
    connect: Duration,
    outcome: Outcome,
}

struct Options {
    addr: SocketAddr,
    search_clients: usize,
    searches_per_client: usize,
    applications: usize,
    hostile: usize,
    timeout: Duration,
    search_p99_ms: f64,
    ramp: Duration,
}

struct Response {
    status: u16,
    body: Vec<u8>,
    connect: Duration,
}

impl Response {
    fn excerpt(&self) -> String {
        let text: String = String::from_utf8_lossy(&self.body).chars().take(300).collect();
        format!("{} {text}", self.status)
    }
}

/// A transport failure, with the connect time when the connection was made.
struct Failure {
    message: String,
    connect: Duration,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--check-db") {
        return match args.get(1) {
            Some(path) => check_db(path),
            None => usage("--check-db needs the SQLite file"),
        };
    }
    let opts = match parse_options(&args) {
        Ok(o) => o,
        Err(e) => return usage(&e),
    };
    run(opts).await
}

fn usage(error: &str) -> ExitCode {
    eprintln!("loadtest: {error}");
    eprintln!(
        "usage: loadtest --addr 127.0.0.1:PORT [--search-clients N] [--searches-per-client N] [--applications N] \
         [--hostile N] [--timeout-secs N] [--search-p99-ms N] [--ramp-ms N]\n       loadtest --check-db FILE"
    );
    ExitCode::from(2)
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut addr = None;
    let mut o = Options {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        search_clients: 200,
        searches_per_client: 5,
        applications: 20,
        hostile: 20,
        timeout: Duration::from_secs(60),
        search_p99_ms: 100.0,
        ramp: Duration::ZERO,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        // Upper bounds keep a typo from turning a small test into a flood, even on loopback.
        let count = |max: usize| -> Result<usize, String> {
            value.parse::<usize>().ok().filter(|n| *n <= max).ok_or_else(|| format!("{flag} {value}: 0 to {max}"))
        };
        match flag.as_str() {
            "--addr" => addr = Some(value.parse::<SocketAddr>().map_err(|e| format!("--addr {value}: {e} (IP:PORT)"))?),
            "--search-clients" => o.search_clients = count(1000)?,
            "--searches-per-client" => o.searches_per_client = count(50)?,
            "--applications" => o.applications = count(200)?,
            "--hostile" => o.hostile = count(200)?,
            "--timeout-secs" => o.timeout = Duration::from_secs(count(600)?.max(1) as u64),
            "--search-p99-ms" => o.search_p99_ms = count(10_000)? as f64,
            "--ramp-ms" => o.ramp = Duration::from_millis(count(10_000)? as u64),
            other => return Err(format!("unknown option {other}")),
        }
    }
    o.addr = addr.ok_or("--addr is required")?;
    if !o.addr.ip().is_loopback() {
        return Err(format!("{} is not a loopback address (127.0.0.0/8 or ::1): refused", o.addr.ip()));
    }
    if o.addr.port() == 0 {
        return Err("--addr needs the server's port".into());
    }
    Ok(o)
}

async fn run(o: Options) -> ExitCode {
    let began = Instant::now();
    let deadline = began + o.timeout;

    // The server may still be starting: give it a few seconds, within the global deadline.
    let ready_by = (began + Duration::from_secs(15)).min(deadline);
    loop {
        match timeout_at(deadline, get(o.addr, "/api/v1/campaign")).await {
            Ok(Ok(r)) if r.status == 200 => break,
            Ok(Ok(r)) => {
                eprintln!("loadtest: GET /api/v1/campaign answered {}", r.excerpt());
                return ExitCode::FAILURE;
            }
            _ if Instant::now() >= ready_by => {
                eprintln!("loadtest: the server at {} does not answer", o.addr);
                return ExitCode::FAILURE;
            }
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }

    // Each run uses its own keys and emails, so a second run against the same database creates new dossiers.
    let run_id = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
    let valid_photo = generated_photo(600, 800);
    let hostile_xmp = hostile_jpeg(Class::HostileXmp);
    let hostile_app = hostile_jpeg(Class::HostileApp);
    println!(
        "loadtest: {} searches ({} clients × {}), {} applications (600×800 photo, {} bytes), {} hostile JPEGs \
         (300×400 behind {} empty segments: extended-XMP APP1 {} bytes, bare APPn {} bytes) against http://{}",
        o.search_clients * o.searches_per_client,
        o.search_clients,
        o.searches_per_client,
        o.applications,
        valid_photo.len(),
        o.hostile,
        HOSTILE_SEGMENTS,
        hostile_xmp.len(),
        hostile_app.len(),
        o.addr
    );

    // Every body is built before the start, and every task waits for the same instant, so the three classes really
    // overlap instead of the first spawned running alone.
    let go = Instant::now() + Duration::from_millis(300);
    let mut tasks = Vec::new();
    for i in 0..o.hostile {
        let (class, photo) =
            if i % 2 == 0 { (Class::HostileXmp, &hostile_xmp) } else { (Class::HostileApp, &hostile_app) };
        let body = application_body(&format!("loadtest.{run_id}.h{i}@gmail.com"), photo, "photo.jpg");
        let key = format!("loadtest-{run_id}-hostile-{i}");
        tasks.push(tokio::spawn(post_application(o.addr, class, key, body, go, deadline)));
    }
    for i in 0..o.applications {
        let body = application_body(&format!("loadtest.{run_id}.a{i}@gmail.com"), &valid_photo, "photo.jpg");
        let key = format!("loadtest-{run_id}-application-{i}");
        tasks.push(tokio::spawn(post_application(o.addr, Class::Application, key, body, go, deadline)));
    }
    for c in 0..o.search_clients {
        let paths: Vec<String> =
            (0..o.searches_per_client).map(|j| search_path(c * o.searches_per_client + j)).collect();
        let first = go + o.ramp.mul_f64(c as f64 / o.search_clients as f64);
        tasks.push(tokio::spawn(search_client(o.addr, paths, go, first, deadline)));
    }
    let mut samples: Vec<Sample> = Vec::new();
    for t in tasks {
        match t.await {
            Ok(mut s) => samples.append(&mut s),
            Err(e) => samples.push(Sample {
                class: Class::Search,
                start: Duration::ZERO,
                end: Duration::ZERO,
                connect: Duration::ZERO,
                outcome: Outcome::Transport(format!("client task failed: {e}")),
            }),
        }
    }
    let failures = report(&o, &samples);
    let alive = match timeout_at(Instant::now() + Duration::from_secs(5), get(o.addr, "/api/v1/campaign")).await {
        Ok(Ok(r)) if r.status == 200 => Ok(()),
        Ok(Ok(r)) => Err(format!("answered {}", r.excerpt())),
        Ok(Err(f)) => Err(f.message),
        Err(_) => Err("no answer within 5 s".into()),
    };
    let mut failures = failures;
    match &alive {
        Ok(()) => println!("after the run: GET /api/v1/campaign → 200, the server is alive"),
        Err(e) => failures.push(format!("the server does not answer GET /api/v1/campaign after the run: {e}")),
    }
    println!("total time {:.1} s", began.elapsed().as_secs_f64());
    if failures.is_empty() {
        println!("RESULT: pass");
        ExitCode::SUCCESS
    } else {
        println!("RESULT: FAIL");
        for f in &failures {
            println!("  - {f}");
        }
        ExitCode::FAILURE
    }
}

fn search_path(n: usize) -> String {
    let q = QUERIES[n % QUERIES.len()];
    // Most people stay on the first page; some scroll, some narrow the list.
    let paging = match n % 7 {
        3 => "&page=2",
        5 => "&per_page=5",
        _ => "",
    };
    format!("/api/v1/establishments?q={}{paging}", percent_encode(q))
}

async fn search_client(
    addr: SocketAddr,
    paths: Vec<String>,
    go: Instant,
    first: Instant,
    deadline: Instant,
) -> Vec<Sample> {
    tokio::time::sleep_until(first).await;
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let start = Instant::now();
        let (outcome, connect) = match timeout_at(deadline, get(addr, &path)).await {
            Err(_) => (Outcome::Transport("global deadline reached".into()), Duration::ZERO),
            Ok(Err(f)) => (Outcome::Transport(f.message), f.connect),
            Ok(Ok(r)) => {
                let note = match r.status {
                    200 => match serde_json::from_slice::<Value>(&r.body) {
                        Ok(v) if v["items"].is_array() => None,
                        _ => Some("search: 200 without a page of results".to_string()),
                    },
                    429 => None,
                    s => Some(format!("search: unexpected {s}")),
                };
                (Outcome::Answer { status: r.status, note, detail: format!("{path} → {}", r.excerpt()) }, r.connect)
            }
        };
        let end = Instant::now();
        out.push(Sample { class: Class::Search, start: start - go, end: end - go, connect, outcome });
        if end >= deadline {
            break;
        }
    }
    out
}

async fn post_application(
    addr: SocketAddr,
    class: Class,
    key: String,
    body: Vec<u8>,
    go: Instant,
    deadline: Instant,
) -> Vec<Sample> {
    let head = format!(
        "POST /api/v1/applications HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\nIdempotency-Key: {key}\r\n\r\n",
        body.len()
    );
    tokio::time::sleep_until(go).await;
    let start = Instant::now();
    let (outcome, connect) = match timeout_at(deadline, exchange(addr, head.as_bytes(), &body)).await {
        Err(_) => (Outcome::Transport("global deadline reached".into()), Duration::ZERO),
        Ok(Err(f)) => (Outcome::Transport(f.message), f.connect),
        Ok(Ok(r)) => {
            let note = judge_application(class, &r);
            (Outcome::Answer { status: r.status, note, detail: r.excerpt() }, r.connect)
        }
    };
    vec![Sample { class, start: start - go, end: Instant::now() - go, connect, outcome }]
}

/// What is wrong with this answer for its class, besides a 5xx (counted on its own): a valid application must be
/// created, a hostile photo must be refused with an error on the `photo` field. 429 is the limiter doing its job.
fn judge_application(class: Class, r: &Response) -> Option<String> {
    match (class, r.status) {
        (_, 429 | 500..) => None,
        (Class::Application, 201) => None,
        (c, 200..=299) if c.is_hostile() => Some(format!("{}: ACCEPTED ({})", c.label(), r.status)),
        (c, 422) if c.is_hostile() => {
            let fields: Vec<String> = serde_json::from_slice::<Value>(&r.body)
                .ok()
                .and_then(|v| v["errors"].as_array().cloned())
                .unwrap_or_default()
                .iter()
                .map(|e| format!("{}:{}", e["field"].as_str().unwrap_or("?"), e["code"].as_str().unwrap_or("?")))
                .collect();
            if fields.iter().any(|f| f.starts_with("photo:")) && fields.len() == 1 {
                None
            } else {
                Some(format!("{}: refused, but not (only) for the photo: {fields:?}", class.label()))
            }
        }
        (_, s) => Some(format!("{}: unexpected {s}", class.label())),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    // Nearest rank: the smallest value with at least p % of the samples at or below it.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

struct Stats {
    count: usize,
    statuses: BTreeMap<u16, usize>,
    transport: usize,
    /// Connections that took a second or more (SYN retransmitted).
    slow_connects: usize,
    /// Latencies in ms of the requests that got an answer.
    latencies: Vec<f64>,
}

fn stats<'a>(samples: impl Iterator<Item = &'a Sample>) -> Stats {
    let mut s = Stats { count: 0, statuses: BTreeMap::new(), transport: 0, slow_connects: 0, latencies: Vec::new() };
    for x in samples {
        s.count += 1;
        if x.connect >= Duration::from_millis(900) {
            s.slow_connects += 1;
        }
        match &x.outcome {
            Outcome::Answer { status, .. } => {
                *s.statuses.entry(*status).or_default() += 1;
                s.latencies.push((x.end - x.start).as_secs_f64() * 1000.0);
            }
            Outcome::Transport(_) => s.transport += 1,
        }
    }
    s.latencies.sort_by(f64::total_cmp);
    s
}

fn row(label: &str, s: &Stats) -> String {
    let in_range = |lo: u16, hi: u16| s.statuses.range(lo..=hi).map(|(_, n)| n).sum::<usize>();
    let ms = |v: f64| if v.is_nan() { "-".to_string() } else { format!("{v:.1}") };
    format!(
        "| {label:<26} | {:>5} | {:>5} | {:>5} | {:>5} | {:>5} | {:>9} | {:>8} | {:>8} | {:>8} | {:>8} |",
        s.count,
        in_range(200, 299),
        in_range(400, 499) - in_range(429, 429),
        in_range(429, 429),
        in_range(500, 599),
        s.transport,
        ms(percentile(&s.latencies, 50.0)),
        ms(percentile(&s.latencies, 95.0)),
        ms(percentile(&s.latencies, 99.0)),
        ms(s.latencies.last().copied().unwrap_or(f64::NAN)),
    )
}

fn histogram(s: &Stats) -> String {
    let mut parts: Vec<String> = s.statuses.iter().map(|(k, n)| format!("{k} × {n}")).collect();
    if s.transport > 0 {
        parts.push(format!("transport error × {}", s.transport));
    }
    let mut text = if parts.is_empty() { "nothing".into() } else { parts.join(", ") };
    if s.slow_connects > 0 {
        text.push_str(&format!(
            " — {} connection(s) took ≥ 0.9 s (SYN dropped and retried: accept queue full)",
            s.slow_connects
        ));
    }
    text
}

/// Prints the table and returns what failed.
fn report(o: &Options, samples: &[Sample]) -> Vec<String> {
    let of = |c: Class| samples.iter().filter(move |s| s.class == c);
    // The searches that were in flight at some point while hostile uploads were being sent or refused.
    let hostile_window =
        samples.iter().filter(|s| s.class.is_hostile()).fold(None, |w: Option<(Duration, Duration)>, s| match w {
            None => Some((s.start, s.end)),
            Some((a, b)) => Some((a.min(s.start), b.max(s.end))),
        });
    let during_hostile: Vec<&Sample> = match hostile_window {
        Some((a, b)) => of(Class::Search).filter(|s| s.start <= b && s.end >= a).collect(),
        None => Vec::new(),
    };
    let search = stats(of(Class::Search));
    let apps = stats(of(Class::Application));
    let hostile = stats(samples.iter().filter(|s| s.class.is_hostile()));
    let hostile_xmp = stats(of(Class::HostileXmp));
    let hostile_app = stats(of(Class::HostileApp));
    let search_during = stats(during_hostile.iter().copied());

    println!();
    println!(
        "| {:<26} | {:>5} | {:>5} | {:>5} | {:>5} | {:>5} | {:>9} | {:>8} | {:>8} | {:>8} | {:>8} |",
        "class", "sent", "2xx", "4xx", "429", "5xx", "transport", "p50 ms", "p95 ms", "p99 ms", "max ms"
    );
    println!("|{}|", [28, 7, 7, 7, 7, 7, 11, 10, 10, 10, 10].map(|w| "-".repeat(w)).join("|"));
    println!("{}", row("establishment search", &search));
    println!("{}", row("  while hostile in flight", &search_during));
    println!("{}", row("valid application", &apps));
    println!("{}", row("hostile JPEG", &hostile));
    println!("{}", row("  24,000 extended-XMP APP1", &hostile_xmp));
    println!("{}", row("  24,000 bare APPn", &hostile_app));
    println!();
    for (label, s) in [("search", &search), ("application", &apps), ("hostile JPEG", &hostile)] {
        println!("statuses, {label}: {}", histogram(s));
    }
    let span = |hostile: bool, c: Class| {
        let v: Vec<&Sample> =
            samples.iter().filter(|s| if hostile { s.class.is_hostile() } else { s.class == c }).collect();
        let a = v.iter().map(|s| s.start).min().unwrap_or_default();
        let b = v.iter().map(|s| s.end).max().unwrap_or_default();
        format!("{:.0}–{:.0} ms", a.as_secs_f64() * 1000.0, b.as_secs_f64() * 1000.0)
    };
    println!(
        "time windows from the common start: searches {}, applications {}, hostile JPEGs {}",
        span(false, Class::Search),
        span(false, Class::Application),
        span(true, Class::HostileXmp)
    );

    let mut failures = Vec::new();
    let mut transport: BTreeMap<String, usize> = BTreeMap::new();
    // What went wrong → (how many, the first answer of that kind).
    let mut notes: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for s in samples {
        match &s.outcome {
            Outcome::Transport(e) => *transport.entry(format!("{}: {e}", s.class.label())).or_default() += 1,
            Outcome::Answer { status, note, detail } => {
                let mut add = |key: String| notes.entry(key).or_insert_with(|| (0, detail.clone())).0 += 1;
                if *status >= 500 {
                    add(format!("{}: server error {status}", s.class.label()));
                }
                if let Some(n) = note {
                    add(n.clone());
                }
            }
        }
    }
    for (e, n) in transport {
        failures.push(format!("transport error × {n}: {e}"));
    }
    for (e, (n, first)) in notes {
        failures.push(format!("{e} × {n}; first: {first}"));
    }
    let p99 = percentile(&search.latencies, 99.0);
    // No latency at all means no answer: the transport errors above already say so.
    if !p99.is_nan() && p99 >= o.search_p99_ms {
        let hint = if search.slow_connects * 100 >= search.count {
            format!(
                " ({} connections waited ≥ 0.9 s for a SYN retry: the server's accept queue overflowed; see `ss -ltn`)",
                search.slow_connects
            )
        } else {
            String::new()
        };
        failures.push(format!("search p99 {p99:.1} ms, not under {} ms{hint}", o.search_p99_ms));
    }
    let p99_during = percentile(&search_during.latencies, 99.0);
    if !p99_during.is_nan() && p99_during >= o.search_p99_ms {
        failures.push(format!(
            "search p99 while hostile uploads were in flight {p99_during:.1} ms, not under {} ms",
            o.search_p99_ms
        ));
    }
    let limited: usize = [&search, &apps, &hostile].iter().map(|s| s.statuses.get(&429).copied().unwrap_or(0)).sum();
    if limited > 0 {
        println!("note: {limited} answers were 429 (rate limited): counted apart, not as failures");
    }
    failures
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

fn application_json(email: &str) -> Value {
    // The fixture of the API tests (api-server/tests/api/fixtures.rs), with its own email: an 18-year-old at Lycée
    // Sidoine Apollinaire, première générale.
    json!({
        "campaign_id": "2026-2027",
        "charter_version": "2026.1",
        "identity": {
            "civility": "madame",
            "last_name": "Martin",
            "first_name": "Élise",
            "birth_date": "2008-03-14",
            "email": email,
            "password": "Velo-2026-rouge"
        },
        "guardian": null,
        "contact": {
            "mobile_phone": "+33612345678",
            "address": { "street": "20 rue Jean Richepin", "postal_code": "63000", "commune": "Clermont-Ferrand" }
        },
        "schooling": { "uai": "0630020E", "stream_code": "2011001911" },
        "delivery": { "send_to_establishment": true },
        "consents": { "good_deals": false, "news": true }
    })
}

fn application_body(email: &str, photo: &[u8], filename: &str) -> Vec<u8> {
    let mut body = Vec::with_capacity(photo.len() + 2048);
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"application\"\r\nContent-Type: application/json\r\n\r\n{}\r\n",
            application_json(email)
        )
        .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"{filename}\"\r\nContent-Type: image/jpeg\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(photo);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A JPEG with the texture of a photo (gradients and noise), so it has a realistic size for its dimensions.
fn generated_photo(w: u32, h: u32) -> Vec<u8> {
    let mut seed = 0x9E37_79B9u32;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let n = seed % 24;
        image::Rgb([((x * 255 / w + n) % 256) as u8, ((y * 255 / h + n) % 256) as u8, ((x + y) % 200 + n) as u8])
    });
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg).expect("JPEG encoding");
    out
}

/// A real 300×400 JPEG (valid dimensions, so only the segments can be the reason for a refusal) with
/// [`HOSTILE_SEGMENTS`] empty segments right after the start-of-image marker.
fn hostile_jpeg(variant: Class) -> Vec<u8> {
    let base = generated_photo(300, 400);
    assert!(base.starts_with(&[0xFF, 0xD8]));
    let mut out = Vec::with_capacity(2_000_000);
    out.extend_from_slice(&base[..2]);
    for i in 0..HOSTILE_SEGMENTS {
        if variant == Class::HostileXmp {
            // Part `i` of an extended-XMP packet (GUID, full length, offset) that announces 4 GB and brings nothing.
            let mut body = b"http://ns.adobe.com/xmp/extension/\0".to_vec();
            body.extend_from_slice(b"0123456789ABCDEF0123456789ABCDEF");
            body.extend_from_slice(&u32::MAX.to_be_bytes());
            body.extend_from_slice(&(i as u32 + 1).to_be_bytes());
            out.extend_from_slice(&[0xFF, 0xE1]);
            out.extend_from_slice(&(body.len() as u16 + 2).to_be_bytes());
            out.extend_from_slice(&body);
        } else {
            // APP3..APP13: none has a meaning a decoder would look into (JFIF, Exif/XMP, ICC and Adobe are left out).
            out.extend_from_slice(&[0xFF, 0xE3 + (i % 11) as u8, 0x00, 0x02]);
        }
    }
    out.extend_from_slice(&base[2..]);
    assert!(out.len() < 2_000_000, "the hostile photo must pass the size limit: {}", out.len());
    out
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

async fn get(addr: SocketAddr, path: &str) -> Result<Response, Failure> {
    let head = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAccept: application/json\r\n\r\n");
    exchange(addr, head.as_bytes(), &[]).await
}

/// One request on its own connection. Writing and reading run together: a server may answer (413, 429) before it
/// has read the whole body and close the connection, and that answer is what counts, not the failed write.
async fn exchange(addr: SocketAddr, head: &[u8], body: &[u8]) -> Result<Response, Failure> {
    let t0 = Instant::now();
    let mut stream = TcpStream::connect(addr)
        .await
        .map_err(|e| Failure { message: format!("connect: {e}"), connect: t0.elapsed() })?;
    let connect = t0.elapsed();
    stream.set_nodelay(true).map_err(|e| Failure { message: format!("nodelay: {e}"), connect })?;
    let (mut rd, mut wr) = stream.split();
    let write = async {
        wr.write_all(head).await?;
        wr.write_all(body).await?;
        wr.flush().await
    };
    let read = async {
        let mut buf = Vec::with_capacity(4096);
        let r = rd.read_to_end(&mut buf).await;
        (buf, r)
    };
    let (written, (buf, read)) = tokio::join!(write, read);
    match parse_response(&buf) {
        Some((status, body)) => Ok(Response { status, body, connect }),
        None => Err(Failure {
            message: match (written, read) {
                (_, Err(e)) => format!("read: {e} after {} bytes", buf.len()),
                (Err(e), _) => format!("write: {e}"),
                _ if buf.is_empty() => "connection closed without an answer".into(),
                _ => format!("incomplete answer ({} bytes)", buf.len()),
            },
            connect,
        }),
    }
}

/// Status and body of a complete HTTP/1.1 answer (Content-Length, chunked, or up to the close); None if cut short.
fn parse_response(buf: &[u8]) -> Option<(u16, Vec<u8>)> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&buf[..end]).ok()?;
    let rest = &buf[end + 4..];
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let mut length = None;
    let mut chunked = false;
    for line in lines {
        let (name, value) = line.split_once(':')?;
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse::<usize>().ok()?);
        } else if name.eq_ignore_ascii_case("transfer-encoding") && value.to_ascii_lowercase().contains("chunked") {
            chunked = true;
        }
    }
    let body = if chunked {
        dechunk(rest)?
    } else if let Some(n) = length {
        rest.get(..n)?.to_vec()
    } else {
        rest.to_vec()
    };
    Some((status, body))
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// After the run

/// `PRAGMA integrity_check` (and the foreign keys) on the server's file, opened the way the server opens it so a
/// WAL left by a stopped server is replayed first; also the all-or-nothing invariant of an application.
fn check_db(path: &str) -> ExitCode {
    if !std::path::Path::new(path).is_file() {
        eprintln!("loadtest: no database at {path}");
        return ExitCode::FAILURE;
    }
    struct Checked {
        integrity: Vec<String>,
        fk_violations: usize,
        counts: Vec<(String, i64)>,
    }
    let result = (|| -> rusqlite::Result<Checked> {
        let conn = rusqlite::Connection::open(path)?;
        let integrity: Vec<String> =
            conn.prepare("PRAGMA integrity_check")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let fk_violations = conn.prepare("PRAGMA foreign_key_check")?.query_map([], |_| Ok(()))?.count();
        let mut counts = Vec::new();
        for table in ["applications", "photos", "activation_tokens", "idempotency_keys", "outbox"] {
            counts
                .push((table.to_string(), conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?));
        }
        Ok(Checked { integrity, fk_violations, counts })
    })();
    let Checked { integrity, fk_violations, counts } = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("loadtest: cannot check {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("PRAGMA integrity_check on {path}: {}", integrity.join("; "));
    println!("PRAGMA foreign_key_check: {fk_violations} violation(s)");
    println!("rows: {}", counts.iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", "));
    let n = |t: &str| counts.iter().find(|(x, _)| x == t).map(|(_, n)| *n).unwrap_or(-1);
    let mut ok = integrity == ["ok"] && fk_violations == 0;
    // Each accepted application stores its photo and idempotency key in the same transaction.
    if n("applications") != n("photos") || n("applications") != n("idempotency_keys") {
        println!("an application without its photo or idempotency key: not all-or-nothing");
        ok = false;
    }
    if ok {
        println!("database: ok");
        ExitCode::SUCCESS
    } else {
        println!("database: FAIL");
        ExitCode::FAILURE
    }
}
