//! A fixed set of read-only connections lent out one request at a time. Hand-written rather than r2d2/deadpool:
//! the connections are opened once at start and never replaced, so all a pool has to do is hand one out and take it
//! back, which a semaphore and a stack do; the maintained pools pin a rusqlite version of their own.

use rusqlite::Connection;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

#[derive(Clone)]
pub struct ReaderPool {
    idle: Arc<Mutex<Vec<Connection>>>,
    available: Arc<Semaphore>,
}

/// A borrowed connection; it goes back to the pool when dropped, even if the work using it panicked.
pub struct Lease {
    conn: Option<Connection>,
    idle: Arc<Mutex<Vec<Connection>>>,
    _permit: OwnedSemaphorePermit,
}

impl ReaderPool {
    pub fn new(connections: Vec<Connection>) -> ReaderPool {
        let available = Arc::new(Semaphore::new(connections.len()));
        ReaderPool { idle: Arc::new(Mutex::new(connections)), available }
    }

    /// Waits (asynchronously) for a free connection.
    pub async fn acquire(&self) -> Lease {
        let permit = self.available.clone().acquire_owned().await.expect("the pool's semaphore is never closed");
        let conn = self.idle.lock().unwrap_or_else(std::sync::PoisonError::into_inner).pop();
        Lease { conn, idle: self.idle.clone(), _permit: permit }
    }
}

impl Lease {
    pub fn connection(&self) -> &Connection {
        // The permit guarantees a connection was idle: one permit per connection.
        self.conn.as_ref().expect("a permit always comes with a connection")
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.idle.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(conn);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn lends_each_connection_to_one_borrower_at_a_time() {
        let pool = ReaderPool::new(vec![Connection::open_in_memory().unwrap(), Connection::open_in_memory().unwrap()]);
        let a = pool.acquire().await;
        let b = pool.acquire().await;
        // Both are lent: a third borrower waits until one comes back.
        let third = tokio::time::timeout(std::time::Duration::from_millis(50), pool.acquire()).await;
        assert!(third.is_err(), "a third lease must wait");
        drop(a);
        let c = tokio::time::timeout(std::time::Duration::from_millis(500), pool.acquire()).await.expect("freed");
        assert!(c.connection().query_row("SELECT 1", [], |r| r.get::<_, i64>(0)).is_ok());
        drop((b, c));
        assert_eq!(pool.idle.lock().unwrap().len(), 2);
    }
}
