// The phone's page of the photo handoff: a second, small bundle of this crate (phone/index.html), so it shares the
// photo step — crop, camera, worker glue — with the application without carrying its form.
fn main() {
    passregion_app::run_phone();
}
