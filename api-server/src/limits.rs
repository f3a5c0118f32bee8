//! Abuse limits: keyed rate limits (per client address, per email address, later per dossier number) and bounds on
//! CPU-heavy work (password hashing, photo decoding) running at once.
//!
//! The rate limits are a keyed GCRA (the "virtual scheduling" form of a token bucket) kept in memory rather than a
//! tower layer such as tower-governor: the keys that matter most are not the client's IP but a field of the body
//! (the email address a link is sent to, the dossier number being logged into), which only the handler knows once
//! it has parsed the request. In memory rather than in SQLite: a check costs no write, and nothing about who
//! asked is kept at rest (keys are hashed). The price — counts restart with the process — is right for one
//! reference server; a fleet of real servers would keep them in a shared store.

use crate::clock::Clock;
use crate::problem::ApiError;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A budget: at most `count` in any `period_secs`, refilled evenly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quota {
    pub count: u32,
    pub period_secs: u32,
}

impl Quota {
    pub const fn per_hour(count: u32) -> Quota {
        Quota { count, period_secs: 3600 }
    }

    /// `COUNT/SECONDS`, e.g. `3/3600`.
    pub fn parse(s: &str) -> Option<Quota> {
        let (count, period) = s.split_once('/')?;
        let q = Quota { count: count.trim().parse().ok()?, period_secs: period.trim().parse().ok()? };
        (q.count > 0 && q.period_secs > 0).then_some(q)
    }

    /// Milliseconds between two refills.
    fn interval_ms(self) -> i64 {
        i64::from(self.period_secs) * 1000 / i64::from(self.count)
    }
}

/// The limits the server applies. Each is keyed by something the handler knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// New applications from one client address. A school's computer room shares one public address, so this
    /// must let a whole class apply in one lesson.
    ApplicationPerIp,
    /// New applications naming one email address (each sends an email there).
    ApplicationPerEmail,
    /// Activation emails sent again to one address.
    ResendPerEmail,
    /// Requests for a new activation link from one client address.
    ResendPerIp,
    /// Wrong passwords for one dossier number: past the count, the dossier is locked for the period.
    LoginFailuresPerDossier,
    /// Wrong passwords from one client address (someone trying many dossiers), same lockout.
    LoginFailuresPerIp,
    /// Password-reset and dossier-number emails to one target (dossier number or address).
    RecoveryPerTarget,
    /// Password-reset and dossier-number requests from one client address.
    RecoveryPerIp,
    /// Phone handoffs started from one client address.
    HandoffPerIp,
    /// Attempts to open a handoff (link or short code) from one client address: bounds guessing of short codes.
    HandoffClaimPerIp,
    /// Guardian consent links opened or confirmed from one client address.
    GuardianLinkPerIp,
    /// New guardian consent emails for one dossier (the guardian's inbox, whoever asks).
    GuardianResendPerDossier,
}

impl Limit {
    pub const ALL: [Limit; 12] = [
        Limit::ApplicationPerIp,
        Limit::ApplicationPerEmail,
        Limit::ResendPerEmail,
        Limit::ResendPerIp,
        Limit::LoginFailuresPerDossier,
        Limit::LoginFailuresPerIp,
        Limit::RecoveryPerTarget,
        Limit::RecoveryPerIp,
        Limit::HandoffPerIp,
        Limit::HandoffClaimPerIp,
        Limit::GuardianLinkPerIp,
        Limit::GuardianResendPerDossier,
    ];

    /// The name used by `--limit NAME=COUNT/SECONDS`.
    pub fn name(self) -> &'static str {
        match self {
            Limit::ApplicationPerIp => "application_ip",
            Limit::ApplicationPerEmail => "application_email",
            Limit::ResendPerEmail => "resend_email",
            Limit::ResendPerIp => "resend_ip",
            Limit::LoginFailuresPerDossier => "login_dossier",
            Limit::LoginFailuresPerIp => "login_ip",
            Limit::RecoveryPerTarget => "recovery_target",
            Limit::RecoveryPerIp => "recovery_ip",
            Limit::HandoffPerIp => "handoff_ip",
            Limit::HandoffClaimPerIp => "handoff_claim_ip",
            Limit::GuardianLinkPerIp => "guardian_link_ip",
            Limit::GuardianResendPerDossier => "guardian_resend_dossier",
        }
    }

    pub fn from_name(name: &str) -> Option<Limit> {
        Limit::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Production defaults.
    pub fn default_quota(self) -> Quota {
        match self {
            // A class of 35 applying in the same hour behind one school address, with room to spare.
            Limit::ApplicationPerIp => Quota::per_hour(60),
            Limit::ApplicationPerEmail => Quota::per_hour(3),
            Limit::ResendPerEmail => Quota::per_hour(3),
            Limit::ResendPerIp => Quota::per_hour(30),
            // "Réessaie dans 15 minutes" after 5 wrong passwords.
            Limit::LoginFailuresPerDossier => Quota { count: 5, period_secs: 15 * 60 },
            // A class mistyping behind one school address stays well under this; a script trying dossiers does not.
            Limit::LoginFailuresPerIp => Quota { count: 50, period_secs: 15 * 60 },
            Limit::RecoveryPerTarget => Quota::per_hour(3),
            Limit::RecoveryPerIp => Quota::per_hour(30),
            // A room of pupils without webcams, each starting over once or twice.
            Limit::HandoffPerIp => Quota::per_hour(120),
            Limit::HandoffClaimPerIp => Quota::per_hour(120),
            // A parent opens the page, reads, confirms: a few requests; a script guessing 256-bit tokens gains nothing
            // from more, and a family sharing an address stays far below.
            Limit::GuardianLinkPerIp => Quota::per_hour(60),
            Limit::GuardianResendPerDossier => Quota::per_hour(3),
        }
    }
}

/// Quotas by limit, defaults unless the configuration says otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotas(HashMap<&'static str, Quota>);

impl Default for Quotas {
    fn default() -> Self {
        Quotas(Limit::ALL.into_iter().map(|l| (l.name(), l.default_quota())).collect())
    }
}

impl Quotas {
    pub fn get(&self, limit: Limit) -> Quota {
        self.0.get(limit.name()).copied().unwrap_or_else(|| limit.default_quota())
    }

    /// Applies `NAME=COUNT/SECONDS`.
    pub fn set(&mut self, spec: &str) -> Result<(), String> {
        let (name, quota) =
            spec.split_once('=').ok_or_else(|| format!("--limit {spec}: expected NAME=COUNT/SECONDS"))?;
        let limit = Limit::from_name(name.trim()).ok_or_else(|| {
            let names: Vec<_> = Limit::ALL.iter().map(|l| l.name()).collect();
            format!("--limit {spec}: unknown limit {name:?} (one of {})", names.join(", "))
        })?;
        let quota =
            Quota::parse(quota).ok_or_else(|| format!("--limit {spec}: expected COUNT/SECONDS, both above 0"))?;
        self.0.insert(limit.name(), quota);
        Ok(())
    }
}

/// Above this many tracked keys, finished entries are swept before adding one: memory stays bounded by the
/// number of keys seen within one period.
const SWEEP_ABOVE: usize = 10_000;

/// The keyed limiter. Cloning shares it.
#[derive(Clone)]
pub struct RateLimiter {
    quotas: Arc<Quotas>,
    clock: Clock,
    /// (limit, hashed key) → theoretical arrival time of the next request, in ms.
    next: Arc<Mutex<HashMap<(&'static str, String), i64>>>,
}

impl RateLimiter {
    pub fn new(quotas: Quotas, clock: Clock) -> RateLimiter {
        RateLimiter { quotas: Arc::new(quotas), clock, next: Arc::default() }
    }

    /// Counts one request against `limit` for `key`; refused with the seconds to wait once the budget is spent.
    /// Keys are compared without case, so "Elise@…" and "elise@…" share one budget.
    pub fn check(&self, limit: Limit, key: &str) -> Result<(), ApiError> {
        let quota = self.quotas.get(limit);
        let interval = quota.interval_ms();
        // A burst of `count` is allowed, then one per interval.
        let tolerance = interval * (i64::from(quota.count) - 1);
        let now = self.clock.now() * 1000;
        let id = (limit.name(), crate::secrets::digest(&[key.trim().to_lowercase().as_bytes()]));
        let mut next = self.next.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if next.len() > SWEEP_ABOVE {
            next.retain(|_, tat| *tat > now);
        }
        let tat = next.get(&id).copied().unwrap_or(now).max(now);
        let allowed_from = tat - tolerance;
        if now < allowed_from {
            let wait_secs = (allowed_from - now + 999) / 1000;
            return Err(ApiError::rate_limited(u32::try_from(wait_secs).unwrap_or(u32::MAX)));
        }
        next.insert(id, tat + interval);
        Ok(())
    }
}

/// Failure counting with a lockout, for passwords: successes cost nothing, and after `count` failures within
/// `period_secs` the key is locked for `period_secs`, with the wait stated. A success clears the count.
#[derive(Clone)]
pub struct Lockout {
    quotas: Arc<Quotas>,
    clock: Clock,
    entries: Arc<Mutex<HashMap<(&'static str, String), Failures>>>,
}

/// Per (limit, hashed key), in seconds.
#[derive(Clone, Copy, Default)]
struct Failures {
    count: u32,
    window_start: i64,
    locked_until: i64,
}

impl Lockout {
    pub fn new(quotas: Quotas, clock: Clock) -> Lockout {
        Lockout { quotas: Arc::new(quotas), clock, entries: Arc::default() }
    }

    fn id(limit: Limit, key: &str) -> (&'static str, String) {
        (limit.name(), crate::secrets::digest(&[key.trim().to_lowercase().as_bytes()]))
    }

    /// Refused with the wait while the key is locked.
    pub fn check(&self, limit: Limit, key: &str) -> Result<(), ApiError> {
        let now = self.clock.now();
        let entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match entries.get(&Self::id(limit, key)) {
            Some(f) if f.locked_until > now => {
                Err(ApiError::rate_limited(u32::try_from(f.locked_until - now).unwrap_or(u32::MAX)))
            }
            _ => Ok(()),
        }
    }

    /// Counts a failure; the one that reaches the count locks the key and is refused with the wait.
    pub fn fail(&self, limit: Limit, key: &str) -> Result<(), ApiError> {
        let quota = self.quotas.get(limit);
        let period = i64::from(quota.period_secs);
        let now = self.clock.now();
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() > SWEEP_ABOVE {
            entries.retain(|_, f| f.window_start + period > now || f.locked_until > now);
        }
        let f =
            entries.entry(Self::id(limit, key)).or_insert(Failures { count: 0, window_start: now, locked_until: 0 });
        if f.window_start + period <= now {
            *f = Failures { count: 0, window_start: now, locked_until: f.locked_until };
        }
        f.count += 1;
        if f.count >= quota.count {
            *f = Failures { count: 0, window_start: now, locked_until: now + period };
            return Err(ApiError::rate_limited(quota.period_secs));
        }
        Ok(())
    }

    /// A success: the count starts again from nothing.
    pub fn succeed(&self, limit: Limit, key: &str) {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&Self::id(limit, key));
    }
}

/// Bounds how much CPU-heavy work (an Argon2 hash of 19 MiB, a photo decode and re-encode) runs at once: past the
/// bound, requests wait their turn for a while, then get 503 rather than piling up threads and memory.
///
/// The work runs on a few threads of its own at a lower scheduling priority, not on the shared blocking pool: an
/// establishment search or a page load then always gets the CPU first, even while a class's applications are being
/// hashed (measured by `./dev loadtest`).
#[derive(Clone)]
pub struct WorkBound {
    slots: Arc<Semaphore>,
    wait: Duration,
    jobs: std::sync::mpsc::Sender<Job>,
}

type Job = Box<dyn FnOnce() + Send>;

/// Niceness of the heavy-work threads (0 is normal, 19 the lowest).
const HEAVY_NICENESS: i32 = 10;

#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn lower_this_threads_priority() {
    // On Linux each thread has its own niceness, and `who = 0` names the calling thread.
    // SAFETY: setpriority only reads its arguments; a failure (not allowed, say) leaves the priority as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, HEAVY_NICENESS);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_this_threads_priority() {}

impl WorkBound {
    pub fn new(slots: usize, wait: Duration) -> WorkBound {
        let slots = slots.max(1);
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..slots {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new().name(format!("heavy-work-{i}")).spawn(move || {
                lower_this_threads_priority();
                loop {
                    // The lock is held only to take a job, not while running it.
                    let job = queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                    match job {
                        Ok(job) => job(),
                        // Every WorkBound is gone: the thread ends with it.
                        Err(_) => break,
                    }
                }
            });
            if let Err(e) = spawned {
                eprintln!("cannot start a heavy-work thread: {e}");
            }
        }
        WorkBound { slots: Arc::new(Semaphore::new(slots)), wait, jobs }
    }

    /// Runs `f` on a heavy-work thread once a slot is free.
    pub async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
        let permit: OwnedSemaphorePermit = tokio::time::timeout(self.wait, self.slots.clone().acquire_owned())
            .await
            .map_err(|_| ApiError::busy())?
            .map_err(ApiError::internal)?;
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _permit = permit;
            // A panic in one job must not take the thread, and with it a slot, away.
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            let _ = done.send(out);
        });
        self.jobs.send(job).map_err(|_| ApiError::internal("heavy-work threads gone"))?;
        match result.await {
            Ok(Ok(out)) => Ok(out),
            Ok(Err(_)) => Err(ApiError::internal("heavy work panicked")),
            Err(_) => Err(ApiError::internal("heavy work dropped")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(spec: &str) -> (RateLimiter, Clock) {
        let clock = Clock::fixed_on("2026-10-01").unwrap();
        let mut quotas = Quotas::default();
        quotas.set(spec).unwrap();
        (RateLimiter::new(quotas, clock.clone()), clock)
    }

    #[test]
    fn a_burst_then_one_per_interval_with_the_wait_stated() {
        let (l, clock) = limiter("resend_email=3/3600");
        for _ in 0..3 {
            l.check(Limit::ResendPerEmail, "elise@gmail.com").unwrap();
        }
        let refused = l.check(Limit::ResendPerEmail, "elise@gmail.com").unwrap_err();
        assert_eq!(refused.status.as_u16(), 429);
        // One email every 20 minutes once the burst is spent.
        let wait = refused.retry_after.unwrap();
        assert!((1199..=1200).contains(&wait), "{wait}");
        // Other addresses and other limits are not affected.
        l.check(Limit::ResendPerEmail, "other@gmail.com").unwrap();
        l.check(Limit::ResendPerIp, "elise@gmail.com").unwrap();
        clock.advance(1200);
        l.check(Limit::ResendPerEmail, "elise@gmail.com").unwrap();
        assert!(l.check(Limit::ResendPerEmail, "elise@gmail.com").is_err());
        // After a full hour of quiet, the whole burst is back.
        clock.advance(3600);
        for _ in 0..3 {
            l.check(Limit::ResendPerEmail, "elise@gmail.com").unwrap();
        }
    }

    #[test]
    fn quotas_parse_and_refuse_nonsense() {
        let table = [
            ("application_ip=10/3600", Ok(Quota { count: 10, period_secs: 3600 })),
            ("resend_email= 1 / 60", Ok(Quota { count: 1, period_secs: 60 })),
            ("resend_email=0/60", Err(())),
            ("resend_email=3", Err(())),
            ("nope=3/60", Err(())),
            ("application_ip", Err(())),
        ];
        for (spec, want) in table {
            let mut q = Quotas::default();
            let got = q.set(spec).map(|()| q.get(Limit::from_name(spec.split('=').next().unwrap().trim()).unwrap()));
            assert_eq!(got.map_err(|_| ()), want, "{spec}");
        }
        assert_eq!(Quotas::default().get(Limit::ResendPerEmail), Quota::per_hour(3));
    }

    #[test]
    fn memory_stays_bounded() {
        // A period long enough that nothing expires while the loop runs, however slow the machine.
        let (l, clock) = limiter("resend_ip=1/600");
        for i in 0..(SWEEP_ABOVE + 10) {
            l.check(Limit::ResendPerIp, &i.to_string()).unwrap();
        }
        assert_eq!(l.next.lock().unwrap().len(), SWEEP_ABOVE + 10, "nothing is swept while it still counts");
        clock.advance(601);
        l.check(Limit::ResendPerIp, "late").unwrap();
        assert!(l.next.lock().unwrap().len() < 10);
    }

    #[test]
    fn five_wrong_passwords_lock_for_fifteen_minutes() {
        let clock = Clock::fixed_on("2026-10-01").unwrap();
        let l = Lockout::new(Quotas::default(), clock.clone());
        for _ in 0..4 {
            l.check(Limit::LoginFailuresPerDossier, "2629764351").unwrap();
            l.fail(Limit::LoginFailuresPerDossier, "2629764351").unwrap();
        }
        let fifth = l.fail(Limit::LoginFailuresPerDossier, "2629764351").unwrap_err();
        assert_eq!(fifth.retry_after, Some(900), "the fifth failure says: try again in 15 minutes");
        clock.advance(60);
        assert_eq!(l.check(Limit::LoginFailuresPerDossier, "2629764351").unwrap_err().retry_after, Some(840));
        l.check(Limit::LoginFailuresPerDossier, "4821930576").unwrap();
        clock.advance(840);
        l.check(Limit::LoginFailuresPerDossier, "2629764351").unwrap();
        // After the lock, a fresh count of five.
        for _ in 0..4 {
            l.fail(Limit::LoginFailuresPerDossier, "2629764351").unwrap();
        }
        // A success clears the count; failures spread over more than the window never lock.
        l.succeed(Limit::LoginFailuresPerDossier, "2629764351");
        for _ in 0..12 {
            l.fail(Limit::LoginFailuresPerDossier, "2629764351").unwrap();
            clock.advance(300);
        }
    }

    #[tokio::test]
    async fn work_beyond_the_bound_waits_then_is_refused() {
        let bound = WorkBound::new(1, Duration::from_millis(50));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let busy = bound.clone();
        let first = tokio::spawn(async move { busy.run(move || rx.recv().ok()).await });
        tokio::time::sleep(Duration::from_millis(20)).await;
        let refused = bound.run(|| ()).await.unwrap_err();
        assert_eq!(refused.status.as_u16(), 503);
        tx.send(()).unwrap();
        assert!(first.await.unwrap().is_ok());
        assert!(bound.run(|| 7).await.is_ok_and(|v| v == 7));
    }

    #[tokio::test]
    async fn a_panicking_job_is_an_error_and_the_slot_stays_usable() {
        let bound = WorkBound::new(1, Duration::from_secs(5));
        let failed = bound.run(|| -> u8 { panic!("decoder bug") }).await.unwrap_err();
        assert_eq!(failed.status.as_u16(), 500);
        assert_eq!(bound.run(|| 8).await.unwrap(), 8);
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    #[allow(unsafe_code)]
    async fn heavy_work_runs_at_a_lower_priority() {
        let bound = WorkBound::new(1, Duration::from_secs(5));
        // SAFETY: getpriority only reads; errno is not consulted since 10 cannot be confused with the -1 error value.
        let nice = bound.run(|| unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) }).await.unwrap();
        assert_eq!(nice, HEAVY_NICENESS);
    }
}
