//! Image bytes -> the model's 224x224 RGB input, as the seed classifier did it: decode, convert
//! to RGB, resize the whole image with a triangle (bilinear) filter, no crop.

use crate::error::{ClassifyError, ErrorKind};
use image::{ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};
use std::io::Cursor;

/// Largest accepted width or height: bigger images are refused before any pixel is decoded.
pub const MAX_DIMENSION: u32 = 8192;

pub fn decode(bytes: &[u8]) -> Result<RgbImage, ClassifyError> {
    let format = image::guess_format(bytes).ok().filter(|f| matches!(f, ImageFormat::Jpeg | ImageFormat::Png)).ok_or_else(|| {
        ClassifyError::new(ErrorKind::UnsupportedImage, format!("the image is not a JPEG or PNG file (starts with {})", hex_prefix(bytes)))
    })?;
    if format == ImageFormat::Jpeg && !jpeg_has_end_marker(bytes) {
        // zune-jpeg fills a cut-off scan with grey and succeeds; a classification of that is noise.
        return Err(ClassifyError::new(ErrorKind::TruncatedImage, "the JPEG file ends before its end-of-image marker"));
    }
    // Header only: refuse a huge image with its real size before the decoder allocates anything.
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(classify_image_error)?;
    if width > MAX_DIMENSION || height > MAX_DIMENSION {
        return Err(ClassifyError::new(
            ErrorKind::ImageTooLarge,
            format!("the image is {width}x{height} pixels; at most {MAX_DIMENSION}x{MAX_DIMENSION} are accepted"),
        ));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(classify_image_error)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(ClassifyError::new(ErrorKind::UnsupportedImage, format!("the image is {width}x{height} pixels")));
    }
    let image = image::DynamicImage::from_decoder(decoder).map_err(classify_image_error)?;
    Ok(image.into_rgb8())
}

pub fn preprocess(image: &RgbImage, width: u32, height: u32) -> Vec<u8> {
    image::imageops::resize(image, width, height, image::imageops::FilterType::Triangle).into_raw()
}

fn classify_image_error(error: ImageError) -> ClassifyError {
    let message = error.to_string();
    let kind = match &error {
        ImageError::Limits(_) => {
            return ClassifyError::new(
                ErrorKind::ImageTooLarge,
                format!("the image exceeds {MAX_DIMENSION}x{MAX_DIMENSION} pixels or the decoder's memory limit ({message})"),
            )
        }
        ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => ErrorKind::TruncatedImage,
        ImageError::Unsupported(_) => ErrorKind::UnsupportedImage,
        _ if is_truncation(&message) => ErrorKind::TruncatedImage,
        _ => ErrorKind::UnsupportedImage,
    };
    ClassifyError::new(kind, format!("cannot decode the image: {message}"))
}

/// The png crate reports a cut-off stream as a format error whose text names the missing end.
fn is_truncation(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    ["eof", "end of file", "unexpected end", "truncated", "no more data", "fill whole buffer"].iter().any(|w| m.contains(w))
}

/// True when an end-of-image marker (FF D9) follows the last start-of-scan (FF DA). Inside
/// entropy-coded data FF is always stuffed (FF 00) or a restart marker, so FF D9 there is the end.
fn jpeg_has_end_marker(bytes: &[u8]) -> bool {
    let last_marker = |code: u8| bytes.windows(2).rposition(|w| w[0] == 0xFF && w[1] == code);
    match (last_marker(0xDA), last_marker(0xD9)) {
        (Some(scan), Some(end)) => end > scan,
        _ => false,
    }
}

fn hex_prefix(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "nothing: the decoded image is empty".into();
    }
    bytes.iter().take(8).map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_marker_must_follow_the_last_scan() {
        assert!(jpeg_has_end_marker(&[0xFF, 0xD8, 0xFF, 0xDA, 1, 2, 0xFF, 0x00, 0xFF, 0xD9]));
        assert!(!jpeg_has_end_marker(&[0xFF, 0xD8, 0xFF, 0xDA, 1, 2, 0xFF, 0x00]));
        // An embedded thumbnail's end marker before the main scan does not count.
        assert!(!jpeg_has_end_marker(&[0xFF, 0xD8, 0xFF, 0xD9, 0xFF, 0xDA, 1, 2]));
    }

    #[test]
    fn unknown_bytes_are_an_unsupported_image() {
        assert_eq!(decode(b"GIF89a....").unwrap_err().kind, ErrorKind::UnsupportedImage);
        assert_eq!(decode(b"").unwrap_err().kind, ErrorKind::UnsupportedImage);
    }
}
