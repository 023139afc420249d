//! The stdin contract: `{"image": "<base64 of a JPEG or PNG file>", "top_k": 5}`.

use crate::error::{ClassifyError, ErrorKind};
use base64::Engine;
use std::io::Read;

/// Larger stdin is refused before parsing (a 48 MiB image is far past `image::MAX_DIMENSION`).
pub const MAX_REQUEST_BYTES: usize = 64 << 20;
pub const DEFAULT_TOP_K: usize = 5;

/// Reads the request, never holding more than `cap` + 1 bytes: an endless stdin is refused once it passes the cap,
/// not after it has been read whole.
pub fn read_bounded(input: impl Read, cap: usize) -> Result<Vec<u8>, ClassifyError> {
    let mut bytes = Vec::new();
    input
        .take(cap as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ClassifyError::new(ErrorKind::InvalidJson, format!("cannot read stdin: {e}")))?;
    if bytes.len() > cap {
        return Err(too_large(format!("the request is over {cap} bytes")));
    }
    Ok(bytes)
}

fn too_large(what: String) -> ClassifyError {
    ClassifyError::new(ErrorKind::ImageTooLarge, format!("{what}; at most {MAX_REQUEST_BYTES} are accepted"))
}

#[derive(Debug)]
pub struct Request {
    pub image: Vec<u8>,
    pub top_k: usize,
}

pub fn parse(stdin: &[u8], classes: usize) -> Result<Request, ClassifyError> {
    if stdin.len() > MAX_REQUEST_BYTES {
        return Err(too_large(format!("the request is {} bytes", stdin.len())));
    }
    if stdin.iter().all(u8::is_ascii_whitespace) {
        return Err(ClassifyError::new(ErrorKind::EmptyInput, "stdin is empty; expected {\"image\": \"<base64>\"}"));
    }
    let value: serde_json::Value = serde_json::from_slice(stdin)
        .map_err(|e| ClassifyError::new(ErrorKind::InvalidJson, format!("stdin is not valid JSON: {e}")))?;
    let object = value
        .as_object()
        .ok_or_else(|| ClassifyError::new(ErrorKind::InvalidJson, "stdin must be a JSON object like {\"image\": \"<base64>\"}"))?;
    let encoded = match object.get("image") {
        Some(serde_json::Value::String(s)) => s,
        Some(other) => {
            return Err(ClassifyError::new(ErrorKind::MissingImage, format!("\"image\" must be a base64 string, not {}", json_type(other))))
        }
        None => return Err(ClassifyError::new(ErrorKind::MissingImage, "the request has no \"image\" field")),
    };
    let top_k = match object.get("top_k") {
        None => DEFAULT_TOP_K,
        Some(v) => match v.as_u64() {
            Some(k) if (1..=classes as u64).contains(&k) => k as usize,
            _ => return Err(ClassifyError::new(ErrorKind::InvalidTopK, format!("\"top_k\" must be an integer from 1 to {classes}, got {v}"))),
        },
    };
    let image = base64::engine::general_purpose::STANDARD
        .decode(encoded.as_bytes())
        .map_err(|e| ClassifyError::new(ErrorKind::InvalidBase64, format!("\"image\" is not valid base64: {e}")))?;
    Ok(Request { image, top_k })
}

fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(input: &str) -> ErrorKind {
        parse(input.as_bytes(), 1001).unwrap_err().kind
    }

    #[test]
    fn each_malformed_request_has_its_own_kind() {
        assert_eq!(kind(""), ErrorKind::EmptyInput);
        assert_eq!(kind(" \n"), ErrorKind::EmptyInput);
        assert_eq!(kind("{\"image\": "), ErrorKind::InvalidJson);
        assert_eq!(kind("[1, 2]"), ErrorKind::InvalidJson);
        assert_eq!(kind("{}"), ErrorKind::MissingImage);
        assert_eq!(kind("{\"image\": 42}"), ErrorKind::MissingImage);
        assert_eq!(kind("{\"image\": \"***\"}"), ErrorKind::InvalidBase64);
        assert_eq!(kind("{\"image\": \"AAAA\", \"top_k\": 0}"), ErrorKind::InvalidTopK);
        assert_eq!(kind("{\"image\": \"AAAA\", \"top_k\": 1002}"), ErrorKind::InvalidTopK);
        assert_eq!(kind("{\"image\": \"AAAA\", \"top_k\": \"3\"}"), ErrorKind::InvalidTopK);
    }

    #[test]
    fn stdin_is_read_no_further_than_one_byte_past_the_cap() {
        struct Endless(usize);
        impl Read for Endless {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                buf.fill(b' ');
                self.0 += buf.len();
                Ok(buf.len())
            }
        }
        let mut endless = Endless(0);
        assert_eq!(read_bounded(&mut endless, 1000).unwrap_err().kind, ErrorKind::ImageTooLarge);
        assert!(endless.0 <= 1000 + 8192, "read {} bytes for a cap of 1000", endless.0);
        assert_eq!(read_bounded(&b"{}"[..], 2).unwrap(), b"{}");
        assert_eq!(read_bounded(&b"{} "[..], 2).unwrap_err().kind, ErrorKind::ImageTooLarge);
    }

    #[test]
    fn a_valid_request_decodes_the_image_and_defaults_top_k() {
        let request = parse(b"{\"image\": \"aGVsbG8=\"}", 1001).unwrap();
        assert_eq!(request.image, b"hello");
        assert_eq!(request.top_k, 5);
        assert_eq!(parse(b"{\"image\": \"aGVsbG8=\", \"top_k\": 3}", 1001).unwrap().top_k, 3);
    }
}
