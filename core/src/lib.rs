//! Pure logic of the Pass'Région application, shared by the browser app and the reference API server.
//!
//! Nothing here touches the DOM, the network or the clock: callers pass "today" in, so every rule can be
//! tested natively with `cargo test -p passregion-core`.

pub mod api;
