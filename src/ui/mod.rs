//! Building blocks shared by the pages: the layout, the step frame, form fields and the error summary.

pub mod clear_data;
pub mod deep_link;
pub mod emailed_link;
pub mod fields;
pub mod form;
pub mod layout;
pub mod spinner;
pub mod step_frame;
