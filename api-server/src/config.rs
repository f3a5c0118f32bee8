//! Command-line flags and environment of the server.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything the server needs to know at start.
#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    /// The built app (Trunk's output) served on the same origin.
    pub dist: PathBuf,
    /// Where the SQLite file lives; created on first run.
    pub data_dir: PathBuf,
    /// Enables the outbox endpoints that show the emails "sent".
    pub dev: bool,
    /// Which establishments and streams to serve.
    pub region_data: RegionData,
    /// Fixed "today" (YYYY-MM-DD) so tests and demos do not depend on the calendar.
    pub today: Option<String>,
    /// Base of the links put in emails.
    pub public_url: String,
    /// Rate limits (`--limit NAME=COUNT/SECONDS`).
    pub limits: crate::limits::Quotas,
    /// A session ends after this long without a request (20 minutes).
    pub session_idle_secs: u32,
    /// …and after this long whatever happens (12 hours).
    pub session_absolute_secs: u32,
    /// How long a phone handoff lives (10 minutes; shortened by tests to see one expire).
    pub handoff_ttl_secs: u32,
}

/// Where the establishments and streams come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RegionData {
    /// The sample of 34 establishments (`api-server/seed/`): quick to load, for tests.
    Sample,
    /// The whole region, as committed in `api-server/region/` and compiled in.
    #[default]
    Shipped,
    /// The whole region rebuilt at start from the open-data files of this directory (`../shared/data`).
    Dir(PathBuf),
}

impl RegionData {
    /// What the start-up line says is served.
    pub fn describe(&self) -> &'static str {
        match self {
            RegionData::Sample => "sample establishments",
            RegionData::Shipped | RegionData::Dir(_) => "whole region",
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            dist: PathBuf::from("dist"),
            data_dir: PathBuf::from("data"),
            dev: false,
            region_data: RegionData::default(),
            today: None,
            public_url: "http://127.0.0.1:8080".to_string(),
            limits: crate::limits::Quotas::default(),
            session_idle_secs: 20 * 60,
            session_absolute_secs: 12 * 3600,
            handoff_ttl_secs: 10 * 60,
        }
    }
}

pub const USAGE: &str = "\
passregion-api — reference server of the Pass'Région API, serving the built app on the same origin

Usage: passregion-api [options]
  --addr HOST:PORT       listen address (default 127.0.0.1:8080)
  --dist DIR             built app to serve (default dist)
  --data-dir DIR         SQLite data directory, created on first run (default data)
  --dev                  development: the outbox keeps links and is readable at GET /api/v1/dev/outbox and
                         /dev/outbox; only with a loopback --addr
  --region-data DIR      rebuild the whole region from the open data in DIR (../shared/data) instead of the copy
                         compiled in; env PASSREGION_REGION_DATA
  --sample               serve only the sample of 34 establishments (fast tests)
  --today YYYY-MM-DD     fixed date (tests, demos)
  --public-url URL       base of the activation link (default http://127.0.0.1:8080)
  --limit NAME=N/SECS    rate limit, repeatable: application_ip (default 60/3600), application_email (3/3600),
                         resend_email (3/3600), resend_ip (30/3600), login_dossier (5/900: 5 wrong passwords
                         lock for 15 minutes), login_ip (50/900), recovery_target (3/3600), recovery_ip (30/3600)
  --session-idle SECS    a session ends after this long without a request (default 1200)
  --session-absolute SECS  and after this long in any case (default 43200)
  --handoff-ttl SECS     a phone handoff expires after this long (default 600)
  -h, --help             this text
";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    Run(Box<Config>),
    Help,
}

/// Parses flags (both `--flag value` and `--flag=value`); `env` supplies environment lookups.
pub fn parse_args<I>(args: I, env: impl Fn(&str) -> Option<String>) -> Result<Command, String>
where
    I: IntoIterator<Item = String>,
{
    let mut cfg = Config::default();
    if let Some(dir) = env("PASSREGION_REGION_DATA").filter(|d| !d.is_empty()) {
        cfg.region_data = RegionData::Dir(PathBuf::from(dir));
    }
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => args.next().ok_or_else(|| format!("{name} needs a value")),
            }
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--addr" => {
                let v = value("--addr")?;
                cfg.addr = v.parse().map_err(|e| format!("--addr {v}: {e}"))?;
            }
            "--dist" => cfg.dist = PathBuf::from(value("--dist")?),
            "--data-dir" => cfg.data_dir = PathBuf::from(value("--data-dir")?),
            "--dev" => cfg.dev = true,
            "--region-data" => cfg.region_data = RegionData::Dir(PathBuf::from(value("--region-data")?)),
            "--sample" => cfg.region_data = RegionData::Sample,
            "--today" => {
                let v = value("--today")?;
                if crate::clock::parse_date(&v).is_none() {
                    return Err(format!("--today {v}: expected YYYY-MM-DD"));
                }
                cfg.today = Some(v);
            }
            "--public-url" => cfg.public_url = value("--public-url")?.trim_end_matches('/').to_string(),
            "--limit" => cfg.limits.set(&value("--limit")?)?,
            "--session-idle" | "--session-absolute" | "--handoff-ttl" => {
                let v = value(&flag)?;
                let secs: u32 =
                    v.parse().ok().filter(|s| *s > 0).ok_or_else(|| format!("{flag} {v}: seconds, above 0"))?;
                match flag.as_str() {
                    "--session-idle" => cfg.session_idle_secs = secs,
                    "--session-absolute" => cfg.session_absolute_secs = secs,
                    _ => cfg.handoff_ttl_secs = secs,
                }
            }
            other => return Err(format!("unknown option {other}\n\n{USAGE}")),
        }
    }
    // The dev outbox hands out activation links to whoever asks: never on an address others can reach.
    if cfg.dev && !cfg.addr.ip().is_loopback() {
        return Err(format!(
            "--dev shows every email's links to anyone who asks: it only runs on a loopback --addr, not {}",
            cfg.addr
        ));
    }
    Ok(Command::Run(Box::new(cfg)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(std::string::ToString::to_string), |_| None)
    }

    #[test]
    fn defaults_and_flags() {
        let Command::Run(c) = parse(&[]).unwrap() else { panic!() };
        assert_eq!(c.addr.to_string(), "127.0.0.1:8080");
        assert!(!c.dev);
        assert_eq!(c.region_data, RegionData::Shipped);
        let Command::Run(c) = parse(&["--sample"]).unwrap() else { panic!() };
        assert_eq!(c.region_data, RegionData::Sample);
        let Command::Run(c) =
            parse(&["--addr=127.0.0.2:9000", "--dev", "--today", "2026-09-01", "--public-url", "http://x/"]).unwrap()
        else {
            panic!()
        };
        assert_eq!(c.addr.port(), 9000);
        assert!(c.dev);
        assert_eq!(c.today.as_deref(), Some("2026-09-01"));
        assert_eq!(c.public_url, "http://x");
    }

    #[test]
    fn dev_only_on_loopback() {
        assert!(parse(&["--addr", "[::1]:8080", "--dev"]).is_ok());
        let refused = parse(&["--addr", "0.0.0.0:8080", "--dev"]).unwrap_err();
        assert!(refused.contains("loopback"), "{refused}");
        assert!(parse(&["--addr", "0.0.0.0:8080"]).is_ok());
    }

    #[test]
    fn limits_from_flags() {
        use crate::limits::{Limit, Quota};
        let Command::Run(c) = parse(&["--limit", "resend_email=1/60", "--limit=application_ip=500/3600"]).unwrap()
        else {
            panic!()
        };
        assert_eq!(c.limits.get(Limit::ResendPerEmail), Quota { count: 1, period_secs: 60 });
        assert_eq!(c.limits.get(Limit::ApplicationPerIp), Quota::per_hour(500));
        assert!(parse(&["--limit", "resend_email=lots"]).is_err());
    }

    #[test]
    fn bad_flags_are_refused() {
        assert!(parse(&["--today", "2026-13-01"]).is_err());
        assert!(parse(&["--nope"]).is_err());
        assert!(parse(&["--addr"]).is_err());
    }

    #[test]
    fn region_data_from_env() {
        let Command::Run(c) =
            parse_args(Vec::<String>::new(), |k| (k == "PASSREGION_REGION_DATA").then(|| "/d".to_string())).unwrap()
        else {
            panic!()
        };
        assert_eq!(c.region_data, RegionData::Dir(PathBuf::from("/d")));
    }
}
