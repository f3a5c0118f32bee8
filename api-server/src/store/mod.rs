//! The store: every SQL statement of the server lives below this module, as typed functions per aggregate
//! (reference data, applications, activations, outbox). Handlers call them through [`Store::read`] and
//! [`Store::write`], which run them on the blocking pool so a slow query never holds an async worker thread.
//!
//! SQLite in WAL mode allows one writer and many readers at once. So there is one write connection behind a lock
//! (writers queue there, which also keeps `BEGIN IMMEDIATE` sections short and ordered) and a small pool of
//! read-only connections, so an establishment search never waits behind an application being stored.

pub mod accounts;
pub mod activations;
pub mod applications;
pub mod card;
pub mod dossiers;
pub mod guardian;
pub mod handoffs;
pub mod outbox;
mod pool;
pub mod reference;

use crate::db;
use crate::problem::ApiError;
use pool::ReaderPool;
use rusqlite::Connection;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Read connections: enough for the searches of a busy class to run side by side on two cores.
pub const READERS: usize = 4;

#[derive(Clone)]
pub struct Store {
    writer: Arc<Mutex<Connection>>,
    readers: ReaderPool,
    catalogue: Arc<reference::Catalogue>,
}

impl Store {
    /// Opens (creating it on first run) the database in `data_dir`, migrates it, and lets `prepare` fill it (the
    /// reference data) before any reader connects.
    pub fn open(data_dir: &Path, prepare: impl FnOnce(&mut Connection) -> Result<(), String>) -> Result<Store, String> {
        let mut writer = db::open(data_dir)?;
        prepare(&mut writer)?;
        let path = data_dir.join(db::FILE_NAME);
        let readers = (0..READERS).map(|_| db::open_reader(&path)).collect::<Result<Vec<_>, _>>()?;
        let catalogue = Arc::new(reference::Catalogue::load(&writer).map_err(|e| e.to_string())?);
        Ok(Store { writer: Arc::new(Mutex::new(writer)), readers: ReaderPool::new(readers), catalogue })
    }

    /// The establishments in memory, for searching (reference data does not change while the server runs).
    pub fn catalogue(&self) -> &reference::Catalogue {
        &self.catalogue
    }

    /// Runs `f` on a read-only connection, on the blocking pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let lease = self.readers.acquire().await;
        tokio::task::spawn_blocking(move || f(lease.connection())).await.map_err(ApiError::internal)?
    }

    /// Runs `f` on the write connection on the calling thread: for start-up work, before the server serves.
    pub fn write_at_start<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let mut conn = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut conn)
    }

    /// Runs `f` on the write connection, on the blocking pool. Writers are serialised here.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let writer = self.writer.clone();
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock leaves SQLite consistent (the transaction rolls back on drop).
            let mut conn = writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
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
