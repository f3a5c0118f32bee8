//! ID-photo pipeline.
