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
    // Truncation is decided from the file's own structure, not from the decoders' error text: zune-jpeg fills a cut-off
    // scan with grey and succeeds (a classification of that is noise), and a decoder update may reword any message.
    let complete = match format {
        ImageFormat::Jpeg => jpeg_is_complete(bytes),
        _ => png_is_complete(bytes),
    };
    if !complete {
        let what = if format == ImageFormat::Jpeg { "JPEG file ends before its end-of-image marker" } else { "PNG file ends before its IEND chunk" };
        return Err(ClassifyError::new(ErrorKind::TruncatedImage, format!("the {what}")));
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

/// Decoder errors by their type only. The file is whole (checked before decoding), so a decoder that runs out of data
/// read a length or size inside it that points past its end: the data is corrupt.
fn classify_image_error(error: ImageError) -> ClassifyError {
    let message = error.to_string();
    let kind = match &error {
        ImageError::Limits(_) => {
            return ClassifyError::new(
                ErrorKind::ImageTooLarge,
                format!("the image exceeds {MAX_DIMENSION}x{MAX_DIMENSION} pixels or the decoder's memory limit ({message})"),
            )
        }
        ImageError::Unsupported(_) => ErrorKind::UnsupportedImage,
        _ => ErrorKind::CorruptImage,
    };
    ClassifyError::new(kind, format!("cannot decode the image: {message}"))
}

/// Walks the JPEG's length-prefixed segments from the start-of-image marker, and each scan's entropy-coded data up to
/// the marker after it, and says whether an end-of-image marker (FF D9) is reached before the bytes run out. Unlike a
/// search for the last FF D9, it is not fooled by a thumbnail inside an APPn segment or by a trailer after the image.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let mut at = 2;
    loop {
        // Decoders skip stray bytes between segments; so does the walk. Any number of FF may pad a marker.
        match bytes[at.min(bytes.len())..].iter().position(|&b| b == 0xFF) {
            Some(offset) => at += offset,
            None => return false,
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let Some(&code) = bytes.get(at) else { return false };
        at += 1;
        match code {
            0xD9 => return true,
            // Markers without a length: start of image, TEM, restarts; 00 is stuffing.
            0x00 | 0x01 | 0xD0..=0xD8 => continue,
            _ => {}
        }
        let Some(length) = bytes.get(at..at + 2).map(|l| usize::from(u16::from_be_bytes([l[0], l[1]]))) else { return false };
        if length < 2 || at + length > bytes.len() {
            return false;
        }
        at += length;
        if code == 0xDA {
            // Entropy-coded data: FF is followed by 00 (stuffing), a restart marker, or fill bytes before the next marker.
            loop {
                match bytes[at..].iter().position(|&b| b == 0xFF) {
                    Some(offset) => at += offset,
                    None => return false,
                }
                match bytes.get(at + 1) {
                    None => return false,
                    Some(0x00 | 0xD0..=0xD7) => at += 2,
                    Some(_) => break,
                }
            }
        }
    }
}

/// Walks the PNG's chunks (length, type, data, CRC) after the signature and says whether IEND is reached before the
/// bytes run out. CRCs and the chunks' contents are the decoder's business.
fn png_is_complete(bytes: &[u8]) -> bool {
    const SIGNATURE: usize = 8;
    let mut at = SIGNATURE;
    while let Some(header) = bytes.get(at..at + 8) {
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let Some(end) = at.checked_add(12).and_then(|e| e.checked_add(length)) else { return false };
        if end > bytes.len() {
            return false;
        }
        if &header[4..8] == b"IEND" {
            return true;
        }
        at = end;
    }
    false
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

    const SOI: [u8; 2] = [0xFF, 0xD8];

    fn jpeg(parts: &[&[u8]]) -> Vec<u8> {
        parts.concat()
    }

    #[test]
    fn a_jpeg_is_complete_when_the_segment_walk_reaches_its_end_marker() {
        let scan: &[u8] = &[0xFF, 0xDA, 0x00, 0x03, 0x01, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56];
        assert!(jpeg_is_complete(&jpeg(&[&SOI, scan, &[0xFF, 0xD9]])));
        assert!(!jpeg_is_complete(&jpeg(&[&SOI, scan])));
        // A trailer after the end, even one holding a scan marker, does not make the image incomplete.
        assert!(jpeg_is_complete(&jpeg(&[&SOI, scan, &[0xFF, 0xD9, 0xFF, 0xDA, 0x00]])));
        // Progressive: two scans with a table segment between them.
        let table: &[u8] = &[0xFF, 0xC4, 0x00, 0x04, 0xAA, 0xBB];
        assert!(jpeg_is_complete(&jpeg(&[&SOI, scan, table, scan, &[0xFF, 0xD9]])));
        assert!(!jpeg_is_complete(&jpeg(&[&SOI, scan, table, &scan[..5]])));
    }

    #[test]
    fn a_thumbnail_inside_an_app_segment_does_not_end_a_cut_file() {
        // APP1 holding a whole little JPEG (its own scan and end marker), then the main image cut inside its scan.
        let thumbnail: &[u8] = &[0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x11, 0xFF, 0xD9];
        let mut app1 = vec![0xFF, 0xE1, 0x00, (thumbnail.len() + 2) as u8];
        app1.extend_from_slice(thumbnail);
        let cut_scan: &[u8] = &[0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34];
        assert!(!jpeg_is_complete(&jpeg(&[&SOI, &app1, cut_scan])));
        // Cut inside the APP1 segment itself.
        assert!(!jpeg_is_complete(&jpeg(&[&SOI, &app1[..8]])));
    }

    #[test]
    fn a_png_is_complete_when_the_chunk_walk_reaches_iend() {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&[0, 0, 0, 2, b'I', b'D', b'A', b'T', 1, 2, 0, 0, 0, 0]);
        let mut whole = png.clone();
        whole.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]);
        assert!(png_is_complete(&whole));
        for cut in 0..whole.len() {
            assert!(!png_is_complete(&whole[..cut]), "a PNG cut after {cut} bytes");
        }
        // A chunk length pointing past the end (or overflowing) is a cut file, not a crash.
        png.extend_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF, b'I', b'D', b'A', b'T']);
        assert!(!png_is_complete(&png));
    }

    #[test]
    fn unknown_bytes_are_an_unsupported_image() {
        assert_eq!(decode(b"GIF89a....").unwrap_err().kind, ErrorKind::UnsupportedImage);
        assert_eq!(decode(b"").unwrap_err().kind, ErrorKind::UnsupportedImage);
    }
}
