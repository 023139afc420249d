//! Embeds the MobileNetV2 model and its labels in the binary, after checking them against the
//! SHA-256 sums pinned in the project's one configuration file (src/main/resources/suite.properties).

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let config_path = manifest_dir.join("../main/resources/suite.properties");
    println!("cargo:rerun-if-env-changed=WPS_MODEL_DIR");
    // The canary's costs (src/network.rs, src/main.rs) are read with option_env!.
    println!("cargo:rerun-if-env-changed=WPS_CANARY_WORK_PERCENT");
    println!("cargo:rerun-if-env-changed=WPS_CANARY_MEMORY_KIB");
    // build.sh passes the model keys as WPS_CONFIG_<KEY> so an unrelated edit of suite.properties does not
    // rebuild the classifier; a plain `cargo build` reads the file itself.
    let config = read_properties(&config_path);
    let get = |key: &str| {
        let variable = format!("WPS_CONFIG_{}", key.to_uppercase().replace('.', "_"));
        println!("cargo:rerun-if-env-changed={variable}");
        std::env::var(&variable).ok().filter(|v| !v.is_empty()).or_else(|| config.get(key).cloned()).unwrap_or_else(|| {
            fail(&format!("{} has no `{key}` entry", config_path.display()))
        })
    };

    let model_dir = match std::env::var("WPS_MODEL_DIR") {
        Ok(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => expand_home(&get("cache.dir")).join("models").join(get("model.name")),
    };
    let model = verified(&model_dir.join("model.tflite"), &get("model.sha256"), &get("model.url"));
    let labels = verified(&model_dir.join("labels.txt"), &get("labels.sha256"), &get("labels.url"));

    println!("cargo:rustc-env=WPS_MODEL_PATH={}", model.display());
    println!("cargo:rustc-env=WPS_LABELS_PATH={}", labels.display());
    println!("cargo:rustc-env=WPS_MODEL_SHA256={}", get("model.sha256"));
}

fn verified(path: &Path, expected: &str, url: &str) -> PathBuf {
    println!("cargo:rerun-if-changed={}", path.display());
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        fail(&format!(
            "cannot read {} ({e}).\n  The model is not part of the repository. Either point the build at a folder \
             holding model.tflite and labels.txt:\n    WPS_MODEL_DIR=/path/to/mobilenet_v2_1.0_224_quant mvn package\n  \
             or let `bash ci/setup.sh` download it into the cache (public origin: {url}).",
            path.display()
        ))
    });
    let actual = hex(&Sha256::digest(&bytes));
    if actual != expected {
        fail(&format!(
            "{} has SHA-256 {actual}, but suite.properties pins {expected}.\n  The file is corrupt or a \
             different model. Replace it with the published file ({url}) or, after an intentional model \
             change, update the pinned sum in src/main/resources/suite.properties.",
            path.display()
        ));
    }
    path.canonicalize().unwrap()
}

fn read_properties(path: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| fail(&format!("cannot read {} ({e})", path.display())));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn expand_home(path: &str) -> PathBuf {
    match path.strip_prefix("~/") {
        Some(rest) => PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(rest),
        None => PathBuf::from(path),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn fail(message: &str) -> ! {
    eprintln!("\nerror: model check failed: {message}\n");
    std::process::exit(1);
}
