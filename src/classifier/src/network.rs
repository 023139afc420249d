//! Turns a parsed TFLite model into an execution plan: weights packed once, every activation
//! buffer allocated once, operators run in the model's order.

use crate::error::ClassifyError;
use crate::kernels::add::Add;
use crate::kernels::conv::{Conv, ConvScratch, Window};
use crate::kernels::depthwise::{Depthwise, DepthwiseScratch};
use crate::kernels::pool::AveragePool;
use crate::kernels::softmax::Softmax;
use crate::kernels::Isa;
use crate::quant::{activation_range, QuantizedMultiplier, Requantize};
use crate::tflite::model::{Model, OperatorKind, Padding, Tensor, TensorType};

type Result<T> = std::result::Result<T, ClassifyError>;

enum Step {
    Conv(Conv),
    Depthwise(Depthwise),
    Add(Add),
    AveragePool(AveragePool),
    Reshape,
    Softmax(Softmax),
}

impl Step {
    fn name(&self) -> &'static str {
        match self {
            Step::Conv(c) if c.window.kernel_h == 1 && c.window.kernel_w == 1 => "conv 1x1",
            Step::Conv(_) => "conv",
            Step::Depthwise(_) => "depthwise",
            Step::Add(_) => "add",
            Step::AveragePool(_) => "average pool",
            Step::Reshape => "reshape",
            Step::Softmax(_) => "softmax",
        }
    }
}

/// Accumulated wall time per operator kind, for the `--bench` breakdown.
#[derive(Debug, Default)]
pub struct OperatorProfile {
    pub totals: Vec<(&'static str, std::time::Duration)>,
}

impl OperatorProfile {
    fn add(&mut self, name: &'static str, elapsed: std::time::Duration) {
        match self.totals.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += elapsed,
            None => self.totals.push((name, elapsed)),
        }
    }
}

struct PlannedOp {
    step: Step,
    inputs: Vec<usize>,
    output: usize,
}

pub struct Network {
    ops: Vec<PlannedOp>,
    /// One buffer per tensor index; constant tensors keep an empty buffer.
    buffers: Vec<Vec<u8>>,
    input: usize,
    output: usize,
    pub input_shape: [usize; 3],
    pub output_scale: f32,
    pub output_zero_point: i32,
    conv_scratch: ConvScratch,
    depthwise_scratch: DepthwiseScratch,
    isa: Isa,
}

fn model_error(message: String) -> ClassifyError {
    ClassifyError::model(message)
}

fn uint8<'t, 'a>(tensor: &'t Tensor<'a>) -> Result<&'t Tensor<'a>> {
    match tensor.ty {
        TensorType::UInt8 => Ok(tensor),
        TensorType::Int32 => Err(model_error(format!("tensor `{}` should be uint8", tensor.name))),
    }
}

fn int32_values(tensor: &Tensor) -> Result<Vec<i32>> {
    if tensor.ty != TensorType::Int32 || tensor.data.len() % 4 != 0 {
        return Err(model_error(format!("bias tensor `{}` should hold int32 data", tensor.name)));
    }
    Ok(tensor.data.chunks_exact(4).map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
}

/// [1, h, w, c] -> (h, w, c)
fn nhwc(tensor: &Tensor) -> Result<(usize, usize, usize)> {
    match tensor.shape[..] {
        [1, h, w, c] => Ok((h, w, c)),
        _ => Err(model_error(format!("tensor `{}` has shape {:?}, expected [1, h, w, c]", tensor.name, tensor.shape))),
    }
}

fn constant<'t, 'a>(tensor: &'t Tensor<'a>, expected_len: usize, element: usize) -> Result<&'t Tensor<'a>> {
    if tensor.data.len() != expected_len * element {
        return Err(model_error(format!(
            "constant tensor `{}` holds {} bytes, expected {}",
            tensor.name,
            tensor.data.len(),
            expected_len * element
        )));
    }
    Ok(tensor)
}

/// TFLite GetQuantizedConvolutionMultipler: input_scale * filter_scale / output_scale, in double.
fn conv_requantize(input: &Tensor, filter: &Tensor, output: &Tensor, activation: crate::tflite::model::Activation) -> Requantize {
    let real = input.scale as f64 * filter.scale as f64 / output.scale as f64;
    let (min, max) = activation_range(activation, output.scale, output.zero_point);
    Requantize { multiplier: QuantizedMultiplier::from_real(real), zero_point: output.zero_point, min, max }
}

impl Network {
    pub fn new(model: &Model, isa: Isa) -> Result<Network> {
        let t = &model.tensors;
        let mut ops = Vec::with_capacity(model.operators.len());
        for op in &model.operators {
            let arity = |n: usize| {
                if op.inputs.len() < n || op.outputs.len() != 1 {
                    Err(model_error(format!("{:?} has {} inputs and {} outputs", op.kind, op.inputs.len(), op.outputs.len())))
                } else {
                    Ok(())
                }
            };
            let step = match &op.kind {
                OperatorKind::Conv2d { padding, stride, activation } => {
                    arity(3)?;
                    let (input, filter, output) = (uint8(&t[op.inputs[0]])?, uint8(&t[op.inputs[1]])?, uint8(&t[op.outputs[0]])?);
                    let (in_h, in_w, in_c) = nhwc(input)?;
                    let [out_c, kh, kw, filter_c] = filter.shape[..] else {
                        return Err(model_error(format!("CONV_2D filter `{}` is not OHWI", filter.name)));
                    };
                    if filter_c != in_c {
                        return Err(model_error(format!("CONV_2D filter `{}` expects {filter_c} channels, input has {in_c}", filter.name)));
                    }
                    let window = Window::new((in_h, in_w), (kh, kw), *stride, *padding == Padding::Same);
                    let bias = int32_values(constant(&t[op.inputs[2]], out_c, 4)?)?;
                    constant(filter, out_c * kh * kw * in_c, 1)?;
                    check_output(output, (window.out_h, window.out_w, out_c))?;
                    Step::Conv(Conv::new(window, in_c, input.zero_point, filter.data, filter.zero_point, &bias, conv_requantize(input, filter, output, *activation)))
                }
                OperatorKind::DepthwiseConv2d { padding, stride, multiplier, activation } => {
                    arity(3)?;
                    let (input, filter, output) = (uint8(&t[op.inputs[0]])?, uint8(&t[op.inputs[1]])?, uint8(&t[op.outputs[0]])?);
                    let (in_h, in_w, in_c) = nhwc(input)?;
                    let [1, kh, kw, out_c] = filter.shape[..] else {
                        return Err(model_error(format!("DEPTHWISE_CONV_2D filter `{}` is not [1, h, w, c]", filter.name)));
                    };
                    if out_c != in_c * multiplier {
                        return Err(model_error(format!("DEPTHWISE_CONV_2D `{}`: {out_c} outputs for {in_c} inputs x {multiplier}", filter.name)));
                    }
                    if kh * kw > crate::kernels::depthwise::MAX_TAPS {
                        return Err(model_error(format!("DEPTHWISE_CONV_2D `{}` has a {kh}x{kw} kernel; at most {} taps are supported", filter.name, crate::kernels::depthwise::MAX_TAPS)));
                    }
                    let window = Window::new((in_h, in_w), (kh, kw), *stride, *padding == Padding::Same);
                    let bias = int32_values(constant(&t[op.inputs[2]], out_c, 4)?)?;
                    constant(filter, kh * kw * out_c, 1)?;
                    check_output(output, (window.out_h, window.out_w, out_c))?;
                    let requantize = conv_requantize(input, filter, output, *activation);
                    Step::Depthwise(Depthwise::new(window, in_c, *multiplier, input.zero_point, filter.data, filter.zero_point, &bias, requantize))
                }
                OperatorKind::Add { activation } => {
                    arity(2)?;
                    let (a, b, output) = (uint8(&t[op.inputs[0]])?, uint8(&t[op.inputs[1]])?, uint8(&t[op.outputs[0]])?);
                    if a.shape != b.shape || a.shape != output.shape {
                        return Err(model_error(format!("ADD `{}` broadcasts ({:?} + {:?}), which is not supported", output.name, a.shape, b.shape)));
                    }
                    let range = activation_range(*activation, output.scale, output.zero_point);
                    Step::Add(Add::new(a.scale, a.zero_point, b.scale, b.zero_point, output.scale, output.zero_point, range))
                }
                OperatorKind::AveragePool2d { padding, stride, filter, activation } => {
                    arity(1)?;
                    let (input, output) = (uint8(&t[op.inputs[0]])?, uint8(&t[op.outputs[0]])?);
                    if input.scale != output.scale || input.zero_point != output.zero_point {
                        return Err(model_error(format!("AVERAGE_POOL_2D `{}` requantises, which is not supported", output.name)));
                    }
                    let (in_h, in_w, c) = nhwc(input)?;
                    let window = Window::new((in_h, in_w), *filter, *stride, *padding == Padding::Same);
                    check_output(output, (window.out_h, window.out_w, c))?;
                    let (min, max) = activation_range(*activation, output.scale, output.zero_point);
                    Step::AveragePool(AveragePool { window, channels: c, min, max })
                }
                OperatorKind::Reshape => {
                    arity(1)?;
                    let (input, output) = (&t[op.inputs[0]], &t[op.outputs[0]]);
                    if element_count(input) != element_count(output) || input.scale != output.scale || input.zero_point != output.zero_point {
                        return Err(model_error(format!("RESHAPE `{}` changes size or quantisation", output.name)));
                    }
                    Step::Reshape
                }
                OperatorKind::Softmax { beta } => {
                    arity(1)?;
                    let (input, output) = (uint8(&t[op.inputs[0]])?, uint8(&t[op.outputs[0]])?);
                    if output.scale != 1.0 / 256.0 || output.zero_point != 0 {
                        return Err(model_error(format!("SOFTMAX output `{}` must have scale 1/256 and zero point 0", output.name)));
                    }
                    match input.shape[..] {
                        [1, _] => {}
                        _ => return Err(model_error(format!("SOFTMAX input `{}` has shape {:?}, expected [1, classes]", input.name, input.shape))),
                    }
                    Step::Softmax(Softmax::new(*beta, input.scale))
                }
            };
            ops.push(PlannedOp { step, inputs: op.inputs.clone(), output: op.outputs[0] });
        }

        let [input] = model.inputs[..] else { return Err(model_error("the model must have exactly one input".into())) };
        let [output] = model.outputs[..] else { return Err(model_error("the model must have exactly one output".into())) };
        let (h, w, c) = nhwc(uint8(&t[input])?)?;
        let buffers = t.iter().map(|tensor| if tensor.data.is_empty() { vec![0u8; element_count(tensor)] } else { Vec::new() }).collect();
        Ok(Network {
            ops,
            buffers,
            input,
            output,
            input_shape: [h, w, c],
            output_scale: t[output].scale,
            output_zero_point: t[output].zero_point,
            conv_scratch: ConvScratch::default(),
            depthwise_scratch: DepthwiseScratch::default(),
            isa,
        })
    }

    pub fn isa(&self) -> Isa {
        self.isa
    }

    /// Runs the network on one HWC uint8 image and returns the raw uint8 output tensor.
    pub fn run(&mut self, image: &[u8]) -> &[u8] {
        self.run_profiled(image, None)
    }

    /// As `run`, adding each operator's wall time to `profile` (per operator kind) when given.
    pub fn run_profiled(&mut self, image: &[u8], profile: Option<&mut OperatorProfile>) -> &[u8] {
        self.load_input(image);
        self.run_ops(0..self.ops.len(), profile);
        #[cfg(feature = "canary")]
        for i in self.canary_repeats() {
            // Canary: run some operators a second time. Every tensor has its own buffer, so their
            // inputs are still in place and they rewrite the same outputs: only the work grows.
            self.run_ops(i..i + 1, None);
        }
        &self.buffers[self.output]
    }

    /// Multiply-accumulates of one operator: the canary's measure of work.
    #[cfg(feature = "canary")]
    fn macs(&self, op: &PlannedOp) -> usize {
        let out = self.buffers[op.output].len();
        match &op.step {
            Step::Conv(c) => out * c.window.kernel_h * c.window.kernel_w * c.in_channels,
            Step::Depthwise(d) => out * d.window.kernel_h * d.window.kernel_w,
            _ => out,
        }
    }

    /// The operators the canary repeats: for each kind of operator (1x1 and other convolutions, depthwise,
    /// add), chosen greedily, largest first, to add as close to WPS_CANARY_WORK_PERCENT (set at build time,
    /// default 5) of that kind's multiply-accumulates as possible without exceeding it. Per kind, because a
    /// multiply-accumulate costs several times more in a depthwise layer than in a 1x1 convolution: spreading
    /// the extra work like the network's own keeps the extra time near the same percentage on every ISA.
    #[cfg(feature = "canary")]
    pub fn canary_repeats(&self) -> Vec<usize> {
        let percent: f64 = option_env!("WPS_CANARY_WORK_PERCENT").and_then(|p| p.parse().ok()).unwrap_or(5.0);
        let macs: Vec<usize> = self.ops.iter().map(|op| self.macs(op)).collect();
        let mut chosen = Vec::new();
        let mut kinds: Vec<&'static str> = self.ops.iter().map(|op| op.step.name()).collect();
        kinds.dedup();
        kinds.sort_unstable();
        kinds.dedup();
        for kind in kinds {
            let of_kind: Vec<usize> = (0..self.ops.len()).filter(|&i| self.ops[i].step.name() == kind).collect();
            let target = of_kind.iter().map(|&i| macs[i]).sum::<usize>() as f64 * percent / 100.0;
            let mut by_size = of_kind.clone();
            by_size.sort_by_key(|&i| (std::cmp::Reverse(macs[i]), i));
            let mut sum = 0.0;
            for i in by_size {
                if sum + macs[i] as f64 <= target {
                    sum += macs[i] as f64;
                    chosen.push(i);
                }
            }
        }
        chosen.sort_unstable();
        chosen
    }

    /// The share of multiply-accumulates the canary adds (0.05 for 5%).
    #[cfg(feature = "canary")]
    pub fn canary_extra_share(&self) -> f64 {
        let macs: Vec<usize> = self.ops.iter().map(|op| self.macs(op)).collect();
        self.canary_repeats().iter().map(|&i| macs[i]).sum::<usize>() as f64 / macs.iter().sum::<usize>() as f64
    }

    fn load_input(&mut self, image: &[u8]) {
        assert_eq!(image.len(), self.input_shape.iter().product::<usize>());
        self.buffers[self.input].copy_from_slice(image);
    }

    fn run_ops(&mut self, range: std::ops::Range<usize>, mut profile: Option<&mut OperatorProfile>) {
        for op in &self.ops[range] {
            let started = profile.is_some().then(std::time::Instant::now);
            // Take the output buffer out so inputs can be borrowed alongside it.
            let mut out = std::mem::take(&mut self.buffers[op.output]);
            let input = |i: usize| self.buffers[op.inputs[i]].as_slice();
            match &op.step {
                Step::Conv(conv) => conv.run(self.isa, input(0), &mut out, &mut self.conv_scratch),
                Step::Depthwise(dw) => dw.run(self.isa, input(0), &mut out, &mut self.depthwise_scratch),
                Step::Add(add) => add.run(self.isa, input(0), input(1), &mut out),
                Step::AveragePool(pool) => pool.run(input(0), &mut out),
                Step::Reshape => out.copy_from_slice(input(0)),
                Step::Softmax(softmax) => softmax.run(input(0), &mut out),
            }
            if let (Some(profile), Some(started)) = (profile.as_deref_mut(), started) {
                profile.add(op.step.name(), started.elapsed());
            }
            self.buffers[op.output] = out;
        }
    }
}

fn element_count(tensor: &Tensor) -> usize {
    tensor.shape.iter().product()
}

fn check_output(output: &Tensor, (h, w, c): (usize, usize, usize)) -> Result<()> {
    if nhwc(output)? != (h, w, c) {
        return Err(model_error(format!("tensor `{}` has shape {:?}, the operator produces [1, {h}, {w}, {c}]", output.name, output.shape)));
    }
    Ok(())
}
