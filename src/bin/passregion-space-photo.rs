// The beneficiary space's new photo (/espace/nouvelle-photo): a third, small bundle of this crate
// (space-photo/index.html), so the space gets the application's photo step without carrying it on its first load.
fn main() {
    passregion_app::run_space_photo();
}
