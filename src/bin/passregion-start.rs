// The start page's own bundle: `/` in a tab that holds no draft (src/start_bundle.rs). index.html chooses between it
// and the application (build-tools/app-wasm.mjs).
fn main() {
    passregion_app::run_start();
}
