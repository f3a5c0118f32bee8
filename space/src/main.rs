fn main() {
    passregion_space::run();
}
