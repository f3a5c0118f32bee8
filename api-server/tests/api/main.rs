//! Integration tests of the reference server, in-process (tower `oneshot`), each on a fresh temporary database.
//! Every API response is validated against `openapi.yaml` (see `contract.rs`).

mod contract;
mod fixtures;
mod harness;

mod applications;
mod bad_input;
mod communes;
mod coverage;
mod guardian;
mod handoff;
mod hardening;
mod hostile_photos;
mod listener;
mod region;
mod search;
mod space;
mod space_card;
mod space_handoff;
mod static_app;
