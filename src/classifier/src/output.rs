//! The stdout contract, rendered by hand so the byte layout is fixed on every target.

use crate::error::ClassifyError;
use crate::Prediction;

/// Wall time of each phase, in microseconds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Phases {
    pub model_load: u128,
    pub decode: u128,
    pub preprocess: u128,
    pub inference: u128,
    pub total: u128,
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// `repeated`: the inference times of `--repeat N` (after the first classification), in microseconds; empty without it.
pub fn success(top: &[Prediction], model_sha256: &str, isa: &str, phases: &Phases, repeated: &[u128]) -> String {
    let top: Vec<String> = top
        .iter()
        .map(|p| format!("{{\"index\":{},\"label\":{},\"score\":{}}}", p.index, json_string(&p.label), p.score))
        .collect();
    let repeated = if repeated.is_empty() {
        String::new()
    } else {
        let times: Vec<String> = repeated.iter().map(u128::to_string).collect();
        format!(",\"repeated_inference_us\":[{}]", times.join(","))
    };
    format!(
        "{{\"top\":[{}],\"model_sha256\":{},\"isa\":{},\"phases_us\":{{\"model_load\":{},\"decode\":{},\"preprocess\":{},\"inference\":{},\"total\":{}}}{}}}",
        top.join(","),
        json_string(model_sha256),
        json_string(isa),
        phases.model_load,
        phases.decode,
        phases.preprocess,
        phases.inference,
        phases.total,
        repeated
    )
}

pub fn failure(error: &ClassifyError) -> String {
    format!("{{\"error\":{{\"kind\":{},\"message\":{}}}}}", json_string(error.kind.as_str()), json_string(&error.message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn success_line_is_valid_json_with_escaped_labels() {
        let top = vec![Prediction { index: 1, label: "jack-o'-lantern \"x\"".into(), score: 0.8203125 }];
        let line = success(&top, "ab", "avx2", &Phases { model_load: 1, decode: 2, preprocess: 3, inference: 4, total: 10 }, &[]);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["top"][0]["label"], "jack-o'-lantern \"x\"");
        assert_eq!(v["top"][0]["score"], 0.8203125);
        assert_eq!(v["isa"], "avx2");
        assert_eq!(v["phases_us"]["total"], 10);
        assert!(v.get("repeated_inference_us").is_none());
        assert!(line.starts_with("{\"top\":[{\"index\":1,"));
    }

    #[test]
    fn repeated_inferences_are_listed_in_order() {
        let line = success(&[], "ab", "scalar", &Phases::default(), &[12, 10, 11]);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["repeated_inference_us"], serde_json::json!([12, 10, 11]));
    }

    #[test]
    fn failure_line_names_the_kind() {
        let line = failure(&ClassifyError::new(ErrorKind::InvalidBase64, "bad \"x\""));
        assert_eq!(line, "{\"error\":{\"kind\":\"invalid_base64\",\"message\":\"bad \\\"x\\\"\"}}");
    }
}
