//! What every handler shares: the store, the clock, the configuration, the campaign and the abuse limits.

use crate::clock::Clock;
use crate::config::Config;
use crate::limits::{Lockout, RateLimiter, WorkBound};
use crate::outbox::Keep;
use crate::store::Store;
use passregion_core::api::Campaign;
use std::sync::Arc;
use std::time::Duration;

/// How long a request may wait for a free slot of CPU-heavy work before it is told the server is busy.
const WORK_WAIT: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Clock,
    pub config: Arc<Config>,
    pub campaign: Arc<Campaign>,
    pub limiter: RateLimiter,
    /// Wrong passwords: a lockout per dossier and per client address.
    pub lockout: Lockout,
    /// Argon2id hashes (19 MiB each) and photo decodes and re-encodes running at once.
    pub heavy: WorkBound,
}

impl AppState {
    pub fn new(store: Store, clock: Clock, config: Config, campaign: Campaign) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        AppState {
            store,
            limiter: RateLimiter::new(config.limits.clone(), clock.clone()),
            lockout: Lockout::new(config.limits.clone(), clock.clone()),
            clock,
            config: Arc::new(config),
            campaign: Arc::new(campaign),
            // One bound for both kinds, a core short of all of them: searches and page loads always keep a core,
            // however many applications arrive at once (measured by `./dev loadtest`).
            heavy: WorkBound::new(cores.saturating_sub(1).max(1), WORK_WAIT),
        }
    }

    /// What the outbox may keep: links only in `--dev` (which only ever listens on loopback).
    pub fn outbox_keeps(&self) -> Keep {
        if self.config.dev { Keep::Everything } else { Keep::Redacted }
    }
}
