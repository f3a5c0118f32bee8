//! What every handler shares: the database, the clock, the configuration and the campaign.

use crate::clock::Clock;
use crate::config::Config;
use crate::problem::ApiError;
use passregion_core::api::Campaign;
use rusqlite::Connection;
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub struct AppState {
    db: Arc<Mutex<Connection>>,
    pub clock: Clock,
    pub config: Arc<Config>,
    pub campaign: Arc<Campaign>,
}

impl AppState {
    pub fn new(conn: Connection, clock: Clock, config: Config, campaign: Campaign) -> Self {
        AppState { db: Arc::new(Mutex::new(conn)), clock, config: Arc::new(config), campaign: Arc::new(campaign) }
    }

    /// Runs `f` with the connection on the blocking pool. One connection behind a mutex serialises writers,
    /// which is what the idempotency guarantee relies on (besides the UNIQUE key).
    pub async fn db<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = db.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut conn)
        })
        .await
        .map_err(ApiError::internal)?
    }
}

/// Any SQLite failure is an internal error for the client; the detail goes to the log.
impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(e)
    }
}
