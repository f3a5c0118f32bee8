pub mod commune;
pub mod form;
pub mod idle_watch;
pub mod layout;
pub mod password;
pub mod timeout_dialog;
