//! The worker's and the camera's codes as sentences in the person's language. Every key is written out (not built
//! with `format!`) so that build.rs checks it exists in both languages.

use crate::i18n::{t_now, tf_now};

use super::camera::CameraError;

pub fn error_text(code: &str, width: u32, height: u32) -> String {
    let size = [("width", width.to_string()), ("height", height.to_string())];
    let size: Vec<(&str, &str)> = size.iter().map(|(k, v)| (*k, v.as_str())).collect();
    match code {
        "empty" => t_now("photo.error_empty"),
        "file_too_large" => t_now("photo.error_file_too_large"),
        "not_an_image" => t_now("photo.error_not_an_image"),
        "unsupported" => t_now("photo.error_unsupported"),
        "heic" => t_now("photo.error_heic"),
        "animated" => t_now("photo.error_animated"),
        "too_many_pixels" => tf_now("photo.error_too_many_pixels", &size),
        "image_too_small" | "crop_too_small" => size_text(code == "crop_too_small", width, height),
        "damaged" => t_now("photo.error_damaged"),
        "worker" => t_now("photo.error_worker"),
        "capture" => t_now("photo.error_capture"),
        _ => t_now("photo.error_other"),
    }
}

/// A picture or frame below the minimum, worded by the side that is short.
fn size_text(frame: bool, width: u32, height: u32) -> String {
    use passregion_photo::{MIN_CROP_H, MIN_CROP_W, ShortSide};
    let values = [
        ("width", width.to_string()),
        ("height", height.to_string()),
        ("min_width", MIN_CROP_W.to_string()),
        ("min_height", MIN_CROP_H.to_string()),
    ];
    let args: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let key = match (frame, ShortSide::of(width, height)) {
        (true, _) => "photo.error_crop_too_small",
        (false, Some(ShortSide::Width)) => "photo.error_image_too_narrow",
        (false, Some(ShortSide::Both)) => "photo.error_image_too_small",
        (false, _) => "photo.error_image_too_short",
    };
    tf_now(key, &args)
}

pub fn advice_text(code: &str) -> String {
    match code {
        "too_dark" => t_now("photo.advice_too_dark"),
        "over_exposed" => t_now("photo.advice_over_exposed"),
        "blurry" => t_now("photo.advice_blurry"),
        "grayscale" => t_now("photo.advice_grayscale"),
        _ => String::new(),
    }
}

pub fn camera_error_text(error: CameraError) -> String {
    match error {
        CameraError::Refused => t_now("photo.camera_refused"),
        CameraError::NoCamera => t_now("photo.camera_none"),
        CameraError::Busy => t_now("photo.camera_busy"),
        CameraError::NotSecure => t_now("photo.camera_insecure"),
        CameraError::Other => t_now("photo.camera_other"),
    }
}
