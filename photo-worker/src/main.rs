//! Entry point of the photo Web Worker (see the library for the protocol).

fn main() {
    passregion_photo_worker::start();
}
