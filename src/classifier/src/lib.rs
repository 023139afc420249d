//! mobilenet-classify: MobileNetV2 1.0 224 (uint8 TFLite) with the model embedded at build time.
//! Reads a JSON request on stdin, prints one JSON line: the top-k classes with their scores.

pub mod error;
pub mod image_input;
pub mod kernels;
pub mod network;
pub mod output;
pub mod quant;
pub mod request;
pub mod tflite;

use error::ClassifyError;
use kernels::Isa;
use network::Network;

pub const MODEL: &[u8] = include_bytes!(env!("WPS_MODEL_PATH"));
pub const LABELS: &str = include_str!(env!("WPS_LABELS_PATH"));
pub const MODEL_SHA256: &str = env!("WPS_MODEL_SHA256");

#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub index: usize,
    pub label: String,
    pub score: f64,
}

pub struct Classifier {
    network: Network,
    labels: Vec<&'static str>,
}

impl Classifier {
    /// Parses the embedded model and packs its weights for `isa`.
    pub fn embedded(isa: Isa) -> Result<Classifier, ClassifyError> {
        let model = tflite::model::Model::parse(MODEL)?;
        let network = Network::new(&model, isa)?;
        let labels: Vec<&'static str> = LABELS.lines().collect();
        let classes = model.tensors[model.outputs[0]].shape.iter().product::<usize>();
        if labels.len() != classes {
            return Err(ClassifyError::model(format!("{} labels for {classes} output classes", labels.len())));
        }
        Ok(Classifier { network, labels })
    }

    pub fn classes(&self) -> usize {
        self.labels.len()
    }

    /// (height, width) the model takes.
    pub fn input_size(&self) -> (u32, u32) {
        (self.network.input_shape[0] as u32, self.network.input_shape[1] as u32)
    }

    /// The share of multiply-accumulates the canary build adds (0.05 for 5%).
    #[cfg(feature = "canary")]
    pub fn canary_extra_share(&self) -> f64 {
        self.network.canary_extra_share()
    }

    pub fn isa(&self) -> Isa {
        self.network.isa()
    }

    /// Classifies one preprocessed RGB image; ties in score go to the lower class index.
    pub fn classify(&mut self, rgb: &[u8], top_k: usize) -> Vec<Prediction> {
        self.classify_profiled(rgb, top_k, None)
    }

    pub fn classify_profiled(&mut self, rgb: &[u8], top_k: usize, profile: Option<&mut network::OperatorProfile>) -> Vec<Prediction> {
        let (scale, zero_point) = (self.network.output_scale as f64, self.network.output_zero_point);
        let scores = self.network.run_profiled(rgb, profile);
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by(|&a, &b| scores[b].cmp(&scores[a]).then(a.cmp(&b)));
        order
            .into_iter()
            .take(top_k)
            .map(|index| Prediction {
                index,
                label: self.labels[index].to_string(),
                // Dequantised probability: exact in f64 (q/256), so it prints the same everywhere.
                score: (scores[index] as i32 - zero_point) as f64 * scale,
            })
            .collect()
    }
}
