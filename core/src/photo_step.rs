//! Where a photo stands on the photo step, and what "Continue" says about it.
//!
//! The draft only knows a photo once it is prepared and in use. In between — framing, preparing, or a photo from
//! the phone that the person has not yet said is theirs — "Add a photo" would be false while a photo is on screen,
//! so the step says what is actually left to do.

use crate::ErrorCode;

/// The photo the step is working on, if any, beside the one already in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoProgress {
    /// Nothing under way: choosing a source, the camera open, or the photo in use shown.
    Idle,
    /// A picture in the crop frame, waiting for "Apply".
    Framing,
    /// The worker checks, crops and compresses it.
    Preparing,
    /// A photo from the phone, prepared, waiting for "This is my photo".
    AwaitingConfirmation,
}

/// Why "Continue" cannot go on yet, or `None` when it can: a photo in use and nothing under way. A new photo under
/// way is not silently replaced by the older one in use: the person finishes (or cancels) what they started.
pub fn continue_issue(progress: PhotoProgress, has_photo: bool) -> Option<ErrorCode> {
    match progress {
        PhotoProgress::Framing => Some(ErrorCode::PhotoNotApplied),
        PhotoProgress::Preparing => Some(ErrorCode::PhotoPreparing),
        PhotoProgress::AwaitingConfirmation => Some(ErrorCode::PhotoNotConfirmed),
        PhotoProgress::Idle if has_photo => None,
        PhotoProgress::Idle => Some(ErrorCode::PhotoRequired),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PhotoProgress::*;

    #[test]
    fn continue_says_what_is_left_to_do() {
        let table = [
            (Idle, false, Some(ErrorCode::PhotoRequired)),
            (Idle, true, None),
            (Framing, false, Some(ErrorCode::PhotoNotApplied)),
            (Framing, true, Some(ErrorCode::PhotoNotApplied)),
            (Preparing, false, Some(ErrorCode::PhotoPreparing)),
            (Preparing, true, Some(ErrorCode::PhotoPreparing)),
            (AwaitingConfirmation, false, Some(ErrorCode::PhotoNotConfirmed)),
            (AwaitingConfirmation, true, Some(ErrorCode::PhotoNotConfirmed)),
        ];
        for (progress, has_photo, expected) in table {
            assert_eq!(continue_issue(progress, has_photo), expected, "{progress:?}, photo in use: {has_photo}");
        }
    }
}
