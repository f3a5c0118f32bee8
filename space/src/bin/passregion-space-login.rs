// The login page's own bundle: what /espace/connexion runs (src/login_bundle.rs). index.html chooses between it and
// the space (build-tools/app-wasm.mjs).
fn main() {
    passregion_space::run_login();
}
