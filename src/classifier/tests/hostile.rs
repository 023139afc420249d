//! Seeded hostile input through the request parser and the image decoder, in process: no panic, and every failure is
//! one of the error kinds the binary documents. The seed and case count are fixed, so a failure repeats; the suite's
//! FuzzIT sends many more cases through the real binaries.

use mobilenet_classify::error::ErrorKind;
use mobilenet_classify::{image_input, request};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

const SEED: u64 = 0x5eed_0001;
const CASES_PER_IMAGE: usize = 40;

/// xorshift64*: enough for reproducible mutations, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn images() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/images");
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        // Files as their packages ship them; images/derived/ holds fixtures made from them (a trailer after the end).
        .filter(|path| path.is_file())
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
        .collect();
    all.sort();
    assert!(all.len() >= 6, "the fixture images are missing from {}", dir.display());
    all
}

fn decode_kind(bytes: &[u8], case: &str) -> Option<ErrorKind> {
    match catch_unwind(AssertUnwindSafe(|| image_input::decode(bytes))) {
        Ok(Ok(_)) => None,
        Ok(Err(e)) => {
            assert!(!e.message.is_empty(), "{case}: an error without a message");
            Some(e.kind)
        }
        Err(_) => panic!("{case}: the decoder panicked"),
    }
}

#[test]
fn every_cut_of_every_fixture_image_is_a_truncated_image() {
    let mut rng = Rng(SEED);
    for (name, bytes) in images() {
        // The first bytes decide the format; after them every cut must say truncated, wherever it falls.
        let mut cuts: Vec<usize> = (0..30).map(|_| 8 + rng.below(bytes.len() - 8)).collect();
        cuts.extend([8, 9, 20, 100, bytes.len() / 2, bytes.len() - 2, bytes.len() - 1]);
        for cut in cuts {
            let kind = decode_kind(&bytes[..cut], &format!("{name} cut to {cut} bytes"));
            assert_eq!(kind, Some(ErrorKind::TruncatedImage), "{name} cut to {cut} of {} bytes", bytes.len());
        }
    }
}

#[test]
fn flipped_bits_and_spliced_bytes_never_panic_and_give_a_documented_kind() {
    let mut rng = Rng(SEED ^ 0xF11B);
    let allowed = [ErrorKind::UnsupportedImage, ErrorKind::CorruptImage, ErrorKind::TruncatedImage, ErrorKind::ImageTooLarge];
    let (mut decoded, mut refused) = (0, 0);
    for (name, bytes) in images() {
        for case in 0..CASES_PER_IMAGE {
            let mut mutated = bytes.clone();
            let how = match case % 4 {
                0 => {
                    for _ in 0..1 + rng.below(8) {
                        let at = rng.below(mutated.len());
                        mutated[at] ^= 1 << rng.below(8);
                    }
                    "bit flips"
                }
                1 => {
                    // Headers and segment lengths live near the start: flip there.
                    let at = rng.below(mutated.len().min(600));
                    mutated[at] = rng.next() as u8;
                    "a header byte replaced"
                }
                2 => {
                    let (from, len) = (rng.below(mutated.len()), 1 + rng.below(4096));
                    let copy: Vec<u8> = mutated[from..(from + len).min(mutated.len())].to_vec();
                    let at = rng.below(mutated.len());
                    mutated.splice(at..at, copy);
                    "a byte range duplicated"
                }
                _ => {
                    let at = rng.below(mutated.len());
                    let len = (1 + rng.below(4096)).min(mutated.len() - at);
                    mutated.drain(at..at + len);
                    "a byte range removed"
                }
            };
            match decode_kind(&mutated, &format!("{name} case {case} ({how})")) {
                None => decoded += 1,
                Some(kind) => {
                    assert!(allowed.contains(&kind), "{name} case {case} ({how}): kind {kind:?}");
                    refused += 1;
                }
            }
        }
    }
    // A mutation campaign that never reaches the decoder's error paths (or never gets past them) tests nothing.
    assert!(decoded > 0 && refused > 0, "decoded {decoded}, refused {refused}");
}

#[test]
fn hostile_requests_give_request_errors_not_panics() {
    let deep = "[".repeat(100_000);
    let nested_image = format!("{{\"image\": {}1{}}}", "[".repeat(200), "]".repeat(200));
    let cases: Vec<(&str, Vec<u8>, ErrorKind)> = vec![
        ("deep nesting", deep.into_bytes(), ErrorKind::InvalidJson),
        ("deep nesting as the image", nested_image.into_bytes(), ErrorKind::InvalidJson),
        ("invalid UTF-8", b"{\"image\": \"\xff\xfe\"}".to_vec(), ErrorKind::InvalidJson),
        ("a NUL byte in the base64", b"{\"image\": \"AA\x00A\"}".to_vec(), ErrorKind::InvalidJson),
        ("an escaped NUL in the base64", b"{\"image\": \"AA\\u0000A\"}".to_vec(), ErrorKind::InvalidBase64),
        ("a NUL byte alone", vec![0], ErrorKind::InvalidJson),
        ("a huge top_k", b"{\"image\": \"AAAA\", \"top_k\": 1e400}".to_vec(), ErrorKind::InvalidJson),
        ("a negative top_k", b"{\"image\": \"AAAA\", \"top_k\": -1}".to_vec(), ErrorKind::InvalidTopK),
    ];
    // Duplicate keys: the last one counts (serde_json's choice), so this request is valid.
    assert!(request::parse(b"{\"image\": 1, \"image\": \"AAAA\"}", 1001).is_ok());
    for (what, bytes, expected) in cases {
        let result = catch_unwind(AssertUnwindSafe(|| request::parse(&bytes, 1001)));
        let parsed = result.unwrap_or_else(|_| panic!("{what}: the parser panicked"));
        let kind = match parsed {
            Ok(_) => panic!("{what}: accepted, expected {expected:?}"),
            Err(e) => e.kind,
        };
        assert_eq!(kind, expected, "{what}");
    }
}
