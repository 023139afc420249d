//! The whole network on every fixture of fixtures/manifest.json, with every kernel set this CPU
//! has, and every bad input through the real binary.

use mobilenet_classify::kernels::Isa;
use mobilenet_classify::{image_input, Classifier};
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn manifest() -> Value {
    let path = fixtures_dir().join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

#[test]
fn every_fixture_is_classified_as_the_manifest_expects_with_every_isa() {
    let manifest = manifest();
    let fixtures = manifest["fixtures"].as_array().expect("manifest has a fixtures list");
    assert!(fixtures.len() >= 6, "at least six fixtures");
    let mut classifiers: Vec<Classifier> = Isa::all_available().into_iter().map(|isa| Classifier::embedded(isa).unwrap()).collect();
    for fixture in fixtures {
        let name = fixture["name"].as_str().unwrap();
        let bytes = std::fs::read(fixtures_dir().join(fixture["file"].as_str().unwrap())).unwrap();
        let image = image_input::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let rgb = image_input::preprocess(&image, 224, 224);
        let results: Vec<_> = classifiers.iter_mut().map(|c| (c.isa(), c.classify(&rgb, 5))).collect();
        let (_, reference) = &results[0];
        for (isa, top) in &results {
            assert_eq!(top, reference, "{name}: {isa:?} disagrees with {:?}", results[0].0);
        }
        let top1 = &reference[0];
        let mut allowed = vec![fixture["expected"]["index"].as_u64().unwrap() as usize];
        allowed.extend(fixture["accepted"].as_array().unwrap().iter().map(|a| a["index"].as_u64().unwrap() as usize));
        assert!(allowed.contains(&top1.index), "{name}: top-1 is {} {:?}, expected one of {allowed:?}", top1.index, top1.label);
        let min_score = fixture["min_score"].as_f64().unwrap();
        assert!(top1.score >= min_score, "{name}: top-1 score {} is below {min_score}", top1.score);
        if top1.index == allowed[0] {
            assert_eq!(top1.label, fixture["expected"]["label"].as_str().unwrap(), "{name}: label text");
        }
    }
}

#[test]
fn every_bad_input_gives_its_error_kind_and_exit_code() {
    let manifest = manifest();
    for bad in manifest["bad"].as_array().unwrap() {
        let name = bad["name"].as_str().unwrap();
        let input = std::fs::read(fixtures_dir().join(bad["file"].as_str().unwrap())).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_mobilenet-classify"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&input).unwrap();
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let reply: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{name}: stdout {stdout:?} is not JSON: {e}"));
        assert_eq!(reply["error"]["kind"], bad["kind"], "{name}: {stdout}");
        assert!(reply["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{name}: message");
        assert_eq!(output.status.code(), Some(bad["exit_code"].as_i64().unwrap() as i32), "{name}: exit code");
    }
}
