//! Reference server of the Pass'Région REST contract (`openapi.yaml`): SQLite storage, the region's
//! establishments and streams, application creation with idempotency, activation by emailed link, and the built
//! app served on the same origin.

pub mod catalogue;
pub mod client;
pub mod clock;
pub mod communes;
pub mod config;
pub mod csv;
pub mod db;
pub mod demo;
pub mod extract;
pub mod fold;
pub mod lang;
pub mod levels;
pub mod limits;
pub mod messages;
pub mod names;
pub mod origin;
pub mod outbox;
pub mod photo_check;
pub mod problem;
pub mod refdata;
pub mod region;
pub mod routes;
pub mod secrets;
pub mod security;
pub mod seed;
pub mod state;
pub mod static_files;
pub mod store;
pub mod uai;

#[cfg(test)]
mod sample_export;

use clock::Clock;
use config::Config;
use state::AppState;

/// Opens the database, loads the reference data and builds the router. `clock` lets tests move time.
pub fn build(config: Config, clock: Clock) -> Result<(axum::Router, AppState), String> {
    let data = match &config.region_data {
        config::RegionData::Sample => seed::sample()?,
        config::RegionData::Shipped => seed::shipped_region()?,
        config::RegionData::Dir(dir) => region::load(dir, &seed::sample()?)?,
    };
    let store = store::Store::open(&config.data_dir, |conn| {
        store::reference::replace_all(conn, &data)?;
        store::applications::purge_idempotency_keys(conn, clock.now()).map(drop).map_err(|e| e.to_string())
    })?;
    let state = AppState::new(store, clock, config, routes::campaign::current_campaign());
    Ok((routes::router(state.clone()), state))
}

/// The clock the configuration asks for: fixed on `--today`, else the system's.
pub fn clock_for(config: &Config) -> Clock {
    config.today.as_deref().and_then(Clock::fixed_on).unwrap_or_default()
}
