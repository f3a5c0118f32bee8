//! Integration tests of the reference server, in-process (tower `oneshot`), each on a fresh temporary database.
//! Every API response is validated against `openapi.yaml` (see `contract.rs`).

mod contract;
mod fixtures;
mod harness;

mod applications;
mod guardian;
mod handoff;
mod space_handoff;
mod hardening;
mod region;
mod bad_input;
mod communes;
mod hostile_photos;
mod coverage;
mod listener;
mod search;
mod space;
mod space_card;
mod static_app;

