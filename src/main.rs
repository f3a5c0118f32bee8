// The app lives in the library (src/lib.rs, where `mod photo;` and the other modules are declared) so that the
// browser tests in tests/ can use it; the binary only mounts it.
fn main() {
    passregion_app::run();
}
