//! Every way a classification can fail, as a value: the binary prints it as JSON and exits with
//! code 2 on every target (a panic would abort natively but trap under a WASI runtime).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    EmptyInput,
    InvalidJson,
    MissingImage,
    InvalidBase64,
    InvalidTopK,
    UnsupportedImage,
    /// A whole JPEG or PNG file (every segment or chunk present) whose contents the decoder cannot read.
    CorruptImage,
    ImageTooLarge,
    TruncatedImage,
    /// The embedded model is not one this program can run (never expected in a release build).
    Model,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::EmptyInput => "empty_input",
            ErrorKind::InvalidJson => "invalid_json",
            ErrorKind::MissingImage => "missing_image",
            ErrorKind::InvalidBase64 => "invalid_base64",
            ErrorKind::InvalidTopK => "invalid_top_k",
            ErrorKind::UnsupportedImage => "unsupported_image",
            ErrorKind::CorruptImage => "corrupt_image",
            ErrorKind::ImageTooLarge => "image_too_large",
            ErrorKind::TruncatedImage => "truncated_image",
            ErrorKind::Model => "model",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassifyError {
    pub kind: ErrorKind,
    pub message: String,
}

impl ClassifyError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ClassifyError { kind, message: message.into() }
    }

    pub fn model(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Model, message)
    }
}

impl fmt::Display for ClassifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.message)
    }
}

impl std::error::Error for ClassifyError {}
